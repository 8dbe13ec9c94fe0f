/** One service Prometheus scrapes: its `job` label and the host:port of its HTTP server. */
export interface ScrapeTarget {
  readonly job: string;
  readonly address: string;
}

export interface PrometheusConfigOptions {
  readonly targets: readonly ScrapeTarget[];
  /** The bearer token every service's `/metrics` asks for (`METRICS_TOKEN`). */
  readonly metricsToken: string;
  /** Absolute paths of the alert rule files. */
  readonly ruleFiles: readonly string[];
  readonly scrapeIntervalSeconds: number;
}

/**
 * The `prometheus.yml` of the local stack: one job per service, each scraping
 * `GET /metrics` on the service's own HTTP port with the metrics bearer token,
 * plus the alert rules. Written as JSON, which is YAML too: no YAML library,
 * and `promtool check config` reads it like any prometheus.yml.
 */
export function prometheusConfig(options: PrometheusConfigOptions): string {
  const interval = `${options.scrapeIntervalSeconds}s`;
  const config = {
    global: { scrape_interval: interval, evaluation_interval: interval },
    rule_files: options.ruleFiles,
    scrape_configs: options.targets.map(({ job, address }) => ({
      job_name: job,
      metrics_path: '/metrics',
      authorization: { type: 'Bearer', credentials: options.metricsToken },
      static_configs: [{ targets: [address] }],
    })),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
