// <egov-application-form> is registered here once its element exists.
export {};
