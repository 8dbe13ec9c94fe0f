import type { Meter } from '@opentelemetry/api';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Process and runtime metrics under OpenTelemetry's semantic-convention names
 * (`process.*`, `v8js.*`, `nodejs.eventloop.*`): the few that say whether a
 * slow answer is the service's own CPU, memory or event loop.
 */
export function observeRuntime(meter: Meter): void {
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  // Not keeping the process alive: the histogram's timer is unref'd by Node.
  const cpu = meter.createObservableCounter('process.cpu.time', {
    unit: 's',
    description: 'CPU time the process used, by mode.',
  });
  const memory = meter.createObservableUpDownCounter('process.memory.usage', {
    unit: 'By',
    description: 'Resident set size of the process.',
  });
  const heap = meter.createObservableUpDownCounter('v8js.memory.heap.used', {
    unit: 'By',
    description: 'V8 heap in use.',
  });
  const delayP99 = meter.createObservableGauge('nodejs.eventloop.delay.p99', {
    unit: 's',
    description: 'Event loop delay, 99th percentile since the previous scrape.',
  });
  const delayMax = meter.createObservableGauge('nodejs.eventloop.delay.max', {
    unit: 's',
    description: 'Longest event loop delay since the previous scrape.',
  });
  meter.addBatchObservableCallback(
    (result) => {
      const usage = process.cpuUsage();
      result.observe(cpu, usage.user / 1e6, { 'cpu.mode': 'user' });
      result.observe(cpu, usage.system / 1e6, { 'cpu.mode': 'system' });
      result.observe(memory, process.memoryUsage.rss());
      result.observe(heap, process.memoryUsage().heapUsed);
      result.observe(delayP99, loopDelay.percentile(99) / 1e9);
      result.observe(delayMax, loopDelay.max / 1e9);
      loopDelay.reset();
    },
    [cpu, memory, heap, delayP99, delayMax],
  );
}
