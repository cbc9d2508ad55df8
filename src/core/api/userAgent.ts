/** The User-Agent header: product part plus runtime info. */
import { PRODUCT_NAME, PRODUCT_VERSION } from '../version';

/** `databricks-secrets/<version>`, the default product part. */
export const DEFAULT_PRODUCT = `${PRODUCT_NAME}/${PRODUCT_VERSION}`;

/** `<product> node/<version> os/<platform>`, e.g. `databricks-secrets/0.1.0 node/20.20.0 os/linux`. */
export function buildUserAgent(product: string = DEFAULT_PRODUCT): string {
  return `${product} node/${process.versions.node} os/${process.platform}`;
}
