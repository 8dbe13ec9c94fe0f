import { developmentOnlyText } from '@shop/config';

/**
 * `DEV_FAULTS_FILE`: the fault file of the stack's development-only fault API
 * (docs/drills.md). For an app's config schema; refused outside development.
 */
export const devFaultsConfig = () => ({
  DEV_FAULTS_FILE: developmentOnlyText(
    "A JSON file of faults to inject (latency, failures) that the local stack's fault API writes; read again whenever it changes. Unset: no fault can be injected.",
  ),
});
