import 'reflect-metadata';
import { Transport, type GrpcOptions } from '@nestjs/microservices';
import { paymentV1GrpcOptions } from '@shop/contracts';
import { createHttpApp, listen, startService } from '@shop/platform';
import { AppModule } from './app.module.js';
import { paymentConfigSchema } from './config.js';

await startService({
  name: 'payment',
  config: paymentConfigSchema,
  start: async (config) => {
    const app = await createHttpApp(AppModule.forRoot(config));
    // gRPC is the API; the HTTP port only serves health. inheritAppConfig gives
    // the gRPC handlers the same global interceptors and filters.
    app.connectMicroservice<GrpcOptions>(
      { transport: Transport.GRPC, options: paymentV1GrpcOptions(`0.0.0.0:${config.GRPC_PORT}`) },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
    await listen(app, config.HTTP_PORT);
  },
});
