// The form-associated field elements (<egov-input> and friends) are registered here once they exist.
export {};
