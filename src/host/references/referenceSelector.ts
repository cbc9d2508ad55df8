import type * as vscode from 'vscode';

/**
 * Files that can hold secret references: code in every language the detector knows, notebook cells, and the
 * configuration formats where `{{secrets/scope/key}}` appears (cluster JSON, bundle YAML, Spark properties).
 */
export const REFERENCE_LANGUAGES = ['python', 'scala', 'r', 'sql', 'json', 'jsonc', 'yaml', 'properties', 'ini', 'shellscript', 'dotenv'];

export const REFERENCE_SELECTOR: vscode.DocumentFilter[] = REFERENCE_LANGUAGES.flatMap((language) =>
  ['file', 'untitled', 'vscode-notebook-cell'].map((scheme) => ({ language, scheme })),
);
