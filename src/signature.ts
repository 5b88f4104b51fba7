// <egov-signature> is registered here once its element exists.
export {};
