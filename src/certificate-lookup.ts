// <egov-certificate-lookup> is registered here once its element exists.
export {};
