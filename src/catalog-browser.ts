// <egov-catalog-browser> is registered here once its element exists.
export {};
