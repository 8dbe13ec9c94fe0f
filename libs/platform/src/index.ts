export { HealthModule, type HealthModuleOptions } from './lib/health/health.module.js';
export { READINESS_CHECKS, type ReadinessCheck } from './lib/health/readiness-check.js';
export { createHttpApp, listen } from './lib/http/create-http-app.js';
export {
  DEVELOPMENT_METRICS_TOKEN,
  httpListenerConfig,
  type HttpListenerSettings,
} from './lib/http/http-listener.config.js';
export {
  DEFAULT_HTTP_SERVER_LIMITS,
  type HttpServerLimits,
} from './lib/http/http-server-limits.js';
export { RpcCorrelationInterceptor } from './lib/http/rpc-correlation.interceptor.js';
export { createLogger, type LoggerSettings } from './lib/logging/create-logger.js';
export { LoggingModule } from './lib/logging/logging.module.js';
export { startService, type ServiceDefinition } from './lib/start-service.js';
export { PeriodicTask, type PeriodicTaskSettings } from './lib/schedule/periodic-task.js';
export {
  PROBLEM_CONTENT_TYPE,
  ProblemException,
  problemType,
  type Problem,
} from './lib/problem/problem.js';
export { ProblemDetailsFilter } from './lib/problem/problem-details.filter.js';
export { ZodValidationPipe } from './lib/problem/zod-validation.pipe.js';
export { databaseReadiness, PrismaModule, type PrismaLike } from './lib/database/prisma.module.js';
export { httpReadiness } from './lib/health/http-readiness.js';
export {
  SERVICE_DATABASE,
  SERVICE_LOGGER,
  SERVICE_TRANSPORTS,
  ServiceModule,
  type ServiceModuleOptions,
  type ServiceSettings,
} from './lib/service/service.module.js';
export type { Injected, ServiceFeature } from './lib/service/service-feature.js';
export { grpcServer } from './lib/service/grpc-server.feature.js';
export { startServiceApp, type StartServiceAppOptions } from './lib/service/start-service-app.js';
export {
  DevFaults,
  FAULT_TARGETS,
  faultFileSchema,
  InjectedFaultError,
  type FaultFile,
  type FaultTarget,
  type InAppFault,
} from './lib/faults/dev-faults.js';
export { devFaultsConfig } from './lib/faults/dev-faults.config.js';
