/** The EU authority tables moved to src/core (the server's DCAT-AP export uses them too). */
export * from '../../core/eu-vocabularies';
