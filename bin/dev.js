#!/usr/bin/env node
// Development entry: loads the devPlugins (command snapshot, JSON schemas) from the compiled lib/.
import { execute } from '@oclif/core';

await execute({ development: true, dir: import.meta.url });
