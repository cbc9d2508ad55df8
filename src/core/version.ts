/** Product identity used in the User-Agent header; kept in step with package.json by a unit test. */
export const PRODUCT_NAME = 'databricks-secrets';
export const PRODUCT_VERSION = '0.1.0';
