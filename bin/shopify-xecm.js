#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm run build`; `npm start` builds first).
import '../dist/src/cli/entry.js';
