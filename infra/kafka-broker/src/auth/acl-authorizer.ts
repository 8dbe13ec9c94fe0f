import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Kafka's codes (org.apache.kafka.common.resource / acl), as CreateAcls and DescribeAcls carry them.
export const ResourceType = {
  ANY: 1,
  TOPIC: 2,
  GROUP: 3,
  CLUSTER: 4,
  TRANSACTIONAL_ID: 5,
} as const;
export const PatternType = { ANY: 1, MATCH: 2, LITERAL: 3, PREFIXED: 4 } as const;
export const AclOperation = {
  ANY: 1,
  ALL: 2,
  READ: 3,
  WRITE: 4,
  CREATE: 5,
  DELETE: 6,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
} as const;
export const AclPermission = { ANY: 1, DENY: 2, ALLOW: 3 } as const;

/** The one cluster resource's name, as in Kafka. */
export const CLUSTER_RESOURCE = 'kafka-cluster';
/** A literal resource name that matches every resource of its type. */
const WILDCARD = '*';

/** One ACL: "principal is allowed/denied operation from host on resources matching the pattern". */
export interface AclBinding {
  readonly resourceType: number;
  readonly resourceName: string;
  readonly patternType: number;
  readonly principal: string;
  readonly host: string;
  readonly operation: number;
  readonly permission: number;
}

/** DescribeAcls' filter: null (or ANY) matches everything of that field. */
export interface AclFilter {
  readonly resourceType: number;
  readonly resourceName: string | null;
  readonly patternType: number;
  readonly principal: string | null;
  readonly host: string | null;
  readonly operation: number;
  readonly permission: number;
}

// ALLOW of any of these also allows DESCRIBE; ALTER_CONFIGS allows DESCRIBE_CONFIGS (Kafka's implied operations).
const IMPLIES_DESCRIBE = new Set<number>([
  AclOperation.READ,
  AclOperation.WRITE,
  AclOperation.DELETE,
  AclOperation.ALTER,
]);

/**
 * Kafka's StandardAuthorizer in miniature: `super.users` may do anything; any
 * other principal only what an ALLOW ACL grants and no DENY ACL takes away
 * (`allow.everyone.if.no.acl.found=false`, Kafka's default). ACLs are added
 * with CreateAcls, listed with DescribeAcls and, with a data dir, kept across
 * restarts as Kafka keeps them in its metadata log.
 */
export class AclAuthorizer {
  private readonly acls: AclBinding[] = [];
  private readonly file: string | undefined;

  constructor(
    private readonly superUsers: ReadonlySet<string>,
    dataDir?: string,
  ) {
    this.file = dataDir === undefined ? undefined : join(dataDir, 'acls.json');
    if (this.file !== undefined && existsSync(this.file))
      this.acls.push(...(JSON.parse(readFileSync(this.file, 'utf8')) as AclBinding[]));
  }

  /** Whether `principal` (e.g. `User:checkout`) connected from `host` may do `operation` on the named resource. */
  authorize(
    principal: string,
    host: string,
    operation: number,
    resourceType: number,
    name: string,
  ): boolean {
    if (this.superUsers.has(principal)) return true;
    const matching = this.acls.filter(
      (acl) =>
        acl.resourceType === resourceType &&
        patternMatches(acl, name) &&
        (acl.principal === principal || acl.principal === 'User:*') &&
        (acl.host === WILDCARD || acl.host === host),
    );
    if (
      matching.some(
        (acl) =>
          acl.permission === AclPermission.DENY &&
          (acl.operation === operation || acl.operation === AclOperation.ALL),
      )
    )
      return false;
    return matching.some(
      (acl) => acl.permission === AclPermission.ALLOW && grants(acl.operation, operation),
    );
  }

  /**
   * Whether `principal` may do `operation` on at least one resource of the type
   * (Kafka's `authorizeByResourceType`: an idempotent producer needs WRITE on some topic).
   */
  authorizeAnyOfType(principal: string, operation: number, resourceType: number): boolean {
    if (this.superUsers.has(principal)) return true;
    return this.acls.some(
      (acl) =>
        acl.resourceType === resourceType &&
        acl.permission === AclPermission.ALLOW &&
        (acl.principal === principal || acl.principal === 'User:*') &&
        (acl.operation === operation || acl.operation === AclOperation.ALL),
    );
  }

  /** Why Kafka would refuse this binding in CreateAcls, or undefined when it is valid. */
  static invalid(acl: AclBinding): string | undefined {
    if (!Object.values(ResourceType).includes(acl.resourceType as never) || acl.resourceType === 1)
      return `invalid resource type ${acl.resourceType}`;
    if (acl.patternType !== PatternType.LITERAL && acl.patternType !== PatternType.PREFIXED)
      return `invalid pattern type ${acl.patternType}`;
    if (acl.resourceType === ResourceType.CLUSTER && acl.resourceName !== CLUSTER_RESOURCE)
      return `the only valid name for the CLUSTER resource is ${CLUSTER_RESOURCE}`;
    if (acl.resourceName === '') return 'resource name must not be empty';
    if (!/^[^:]+:.+$/.test(acl.principal)) return `invalid principal ${acl.principal}`;
    if (acl.operation <= AclOperation.ANY || acl.operation > AclOperation.IDEMPOTENT_WRITE)
      return `invalid operation ${acl.operation}`;
    if (acl.permission !== AclPermission.ALLOW && acl.permission !== AclPermission.DENY)
      return `invalid permission type ${acl.permission}`;
    return undefined;
  }

  /** Adds a valid binding; one already there is not added twice. */
  add(acl: AclBinding): void {
    if (!this.acls.some((known) => sameBinding(known, acl))) this.acls.push({ ...acl });
    this.persist();
  }

  /** The bindings the filter matches. */
  describe(filter: AclFilter): AclBinding[] {
    return this.acls.filter(
      (acl) =>
        (filter.resourceType === ResourceType.ANY || filter.resourceType === acl.resourceType) &&
        (filter.patternType === PatternType.ANY || filter.patternType === acl.patternType) &&
        (filter.resourceName === null || filter.resourceName === acl.resourceName) &&
        (filter.principal === null || filter.principal === acl.principal) &&
        (filter.host === null || filter.host === acl.host) &&
        (filter.operation === AclOperation.ANY || filter.operation === acl.operation) &&
        (filter.permission === AclPermission.ANY || filter.permission === acl.permission),
    );
  }

  private persist(): void {
    if (this.file === undefined) return;
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.acls));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

function patternMatches(acl: AclBinding, name: string): boolean {
  if (acl.patternType === PatternType.PREFIXED) return name.startsWith(acl.resourceName);
  return acl.resourceName === name || acl.resourceName === WILDCARD;
}

function grants(granted: number, wanted: number): boolean {
  if (granted === wanted || granted === AclOperation.ALL) return true;
  if (wanted === AclOperation.DESCRIBE) return IMPLIES_DESCRIBE.has(granted);
  return wanted === AclOperation.DESCRIBE_CONFIGS && granted === AclOperation.ALTER_CONFIGS;
}

function sameBinding(a: AclBinding, b: AclBinding): boolean {
  return (
    a.resourceType === b.resourceType &&
    a.resourceName === b.resourceName &&
    a.patternType === b.patternType &&
    a.principal === b.principal &&
    a.host === b.host &&
    a.operation === b.operation &&
    a.permission === b.permission
  );
}
