import os from 'node:os';
import path from 'node:path';
import { applyDemoEnvironment } from '../../scripts/lib/environment';

// Test apps write their logs and uploads outside the repository and log only errors.
process.env.STORAGE_PATH ||= path.join(os.tmpdir(), 'hookflow-tests', 'storage');
process.env.LOGGER_LEVEL ||= 'error';
process.env.LOGGER_TRANSPORT ||= 'console';
process.env.APP_KEY ||= 'hookflow-test-key';
applyDemoEnvironment();
