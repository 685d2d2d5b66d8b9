#!/usr/bin/env node
import '../dist/cli/cors-lens.mjs';
