declare module 'virtual:egov-manifest' {
  /** custom-elements.json of the sources (see main.ts). */
  const manifest: object;
  export default manifest;
}
