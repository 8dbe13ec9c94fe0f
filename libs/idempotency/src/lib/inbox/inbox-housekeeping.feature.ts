import { SERVICE_DATABASE, type ServiceFeature } from '@shop/platform';
import { InboxModule, type InboxModuleOptions } from './inbox.module.js';

/** The inbox's housekeeping on the service's database, for `ServiceModule.forRoot({ features })`. */
export function inboxHousekeeping(
  options: Omit<InboxModuleOptions, 'database'> = {},
): ServiceFeature {
  return { imports: [InboxModule.forRoot({ database: SERVICE_DATABASE, ...options })] };
}
