import { buildIfStale } from '../../scripts/build';
import { linkPackageIntoNodeModules } from '../../scripts/lib/linkPackage';

/** The tests load the plugin as NocoBase does: the built package, found under NODE_MODULES_PATH. */
export default async function globalSetup() {
  await buildIfStale();
  linkPackageIntoNodeModules();
}
