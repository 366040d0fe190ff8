import { main } from './index.js';

// Process entry: bin/shopify-xecm.js loads the compiled copy; tests run this file through tsx.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
