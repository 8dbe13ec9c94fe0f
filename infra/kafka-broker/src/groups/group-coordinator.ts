import type { Logger } from '../logger.js';
import { Group } from './group.js';
import type { OffsetStore } from './offset-store.js';

export interface GroupCoordinatorSettings {
  readonly initialRebalanceDelayMs: number;
  readonly minSessionTimeoutMs: number;
  readonly maxSessionTimeoutMs: number;
  readonly logger: Logger;
}

/** The single coordinator of every group (this broker is the whole cluster). */
export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();

  constructor(
    readonly offsets: OffsetStore,
    private readonly settings: GroupCoordinatorSettings,
  ) {}

  find(groupId: string): Group | undefined {
    return this.groups.get(groupId);
  }

  findOrCreate(groupId: string): Group {
    let group = this.groups.get(groupId);
    if (!group) {
      group = new Group(groupId, this.settings);
      this.groups.set(groupId, group);
    }
    return group;
  }

  /** Every group that has members or committed offsets. */
  groupIds(): string[] {
    return [...new Set([...this.groups.keys(), ...this.offsets.groups()])];
  }

  acceptsSessionTimeout(sessionTimeoutMs: number): boolean {
    return (
      sessionTimeoutMs >= this.settings.minSessionTimeoutMs &&
      sessionTimeoutMs <= this.settings.maxSessionTimeoutMs
    );
  }

  shutdown(): void {
    for (const group of this.groups.values()) group.shutdown();
  }
}
