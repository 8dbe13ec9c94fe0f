import { developmentOnlyText } from '@shop/config';

/**
 * `DEV_FAULTS_FILE`: the fault file of the stack's development-only fault API
 * (docs/drills.md). For an app's config schema; refused outside development.
 */
export const devFaultsConfig = () => ({
  DEV_FAULTS_FILE: developmentOnlyText(
    "A JSON file of faults to inject (docs/drills.md) that the local stack's fault API writes; read again whenever it changes. The stack sets it only when its fault API is on. Unset: no fault can be injected.",
  ),
});
