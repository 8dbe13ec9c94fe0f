/** What the gateway knows about one GraphQL request, and all it passes on to subgraphs. */
export interface GatewayContext {
  /** The verified learner, or undefined for an anonymous request. */
  readonly learnerId: string | undefined;
  readonly correlationId: string;
}
