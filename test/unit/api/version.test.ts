import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildUserAgent } from '../../../src/core/api';
import { PRODUCT_NAME, PRODUCT_VERSION } from '../../../src/core/version';

describe('product identity', () => {
  it('PRODUCT_NAME and PRODUCT_VERSION match package.json', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
      name: string;
      version: string;
    };
    assert.equal(PRODUCT_NAME, manifest.name);
    assert.equal(PRODUCT_VERSION, manifest.version);
  });

  it('the default User-Agent is databricks-secrets/<version> plus node and os', () => {
    assert.equal(buildUserAgent(), `${PRODUCT_NAME}/${PRODUCT_VERSION} node/${process.versions.node} os/${process.platform}`);
  });
});
