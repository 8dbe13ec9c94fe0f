import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { kafkaToolCommand } from '@shop/real-kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBroker } from '../../src/index.js';
import { groupRows, kafkaTool, toolsUnavailable } from './kafka-tools.js';

// Kafka 4.4's own CLI tools (the Java admin, producer and consumer clients, at
// their highest versions: flexible encodings, topic ids) against the embedded broker.
// Each tool is a JVM start (1–4 s here, several times that on a loaded machine).
describe.skipIf(toolsUnavailable !== undefined)(
  "Kafka's CLI tools against the embedded broker",
  { timeout: 240_000 },
  () => {
    let broker: RunningBroker;
    let bootstrap: string;
    // No '.' in the name: kafka-topics warns about '.' and '_' colliding in metric names.
    const topic = 'cli-orders';
    const group = 'cli-readers';

    beforeAll(async () => {
      broker = await start({ port: 0, initialRebalanceDelayMs: 0, logLevel: 'warn' });
      bootstrap = broker.address;
    });
    afterAll(() => broker.stop());

    it('kafka-topics creates a topic and refuses to create it twice', async () => {
      const created = await kafkaTool('kafka-topics', bootstrap, [
        '--create',
        '--topic',
        topic,
        '--partitions',
        '3',
      ]);
      expect(created).toMatchObject({ code: 0, lines: [`Created topic ${topic}.`] });
      const again = await kafkaTool('kafka-topics', bootstrap, [
        '--create',
        '--topic',
        topic,
        '--partitions',
        '3',
      ]);
      expect(again.code).toBe(1);
      expect(again.lines).toContain(
        `Error while executing topic command : Topic '${topic}' already exists.`,
      );
    });

    it('kafka-topics lists and describes it: id, partitions, leader, configs', async () => {
      const listed = await kafkaTool('kafka-topics', bootstrap, ['--list']);
      expect(listed.code).toBe(0);
      expect(listed.lines).toContain(topic);
      const described = await kafkaTool('kafka-topics', bootstrap, [
        '--describe',
        '--topic',
        topic,
      ]);
      expect(described.code).toBe(0);
      const [summary, ...partitions] = described.lines;
      expect(summary).toMatch(
        new RegExp(
          `^Topic: ${topic}\\tTopicId: [\\w-]{22}\\tPartitionCount: 3\\tReplicationFactor: 1\\tConfigs: .*retention\\.bytes=268435456`,
        ),
      );
      expect(partitions.map((line) => line.split('\t').slice(1, 6).join(' '))).toEqual(
        [0, 1, 2].map(
          (index) => `Topic: ${topic} Partition: ${index} Leader: 0 Replicas: 0 Isr: 0`,
        ),
      );
    });

    it('kafka-console-producer writes keyed lines that kafka-console-consumer reads back in a group', async () => {
      const input = ['a:apple', 'b:banana', 'c:cherry', 'd:date'].join('\n') + '\n';
      const produced = await kafkaTool(
        'kafka-console-producer',
        bootstrap,
        [
          '--topic',
          topic,
          '--reader-property',
          'parse.key=true',
          '--reader-property',
          'key.separator=:',
        ],
        input,
      );
      expect(produced.code).toBe(0);
      const consumed = await kafkaTool('kafka-console-consumer', bootstrap, [
        '--topic',
        topic,
        '--group',
        group,
        '--from-beginning',
        '--max-messages',
        '4',
        '--formatter-property',
        'print.key=true',
      ]);
      expect(consumed.code).toBe(0);
      // Order holds within a partition only: compare as a set.
      expect([...consumed.lines].sort()).toEqual(['a\tapple', 'b\tbanana', 'c\tcherry', 'd\tdate']);
      expect(consumed.stderr).toContain('Processed a total of 4 messages');
    });

    it('kafka-consumer-groups lists the group and shows its lag per partition', async () => {
      const listed = await kafkaTool('kafka-consumer-groups', bootstrap, ['--list']);
      expect(listed).toMatchObject({ code: 0 });
      expect(listed.lines).toContain(group);

      const caughtUp = await kafkaTool('kafka-consumer-groups', bootstrap, [
        '--describe',
        '--group',
        group,
      ]);
      expect(caughtUp.code).toBe(0);
      expect(caughtUp.stderr).toContain(`Consumer group '${group}' has no active members.`);
      const before = groupRows(caughtUp.lines);
      expect(before.map((row) => `${row.TOPIC} ${row.PARTITION} ${row.LAG}`).sort()).toEqual(
        [0, 1, 2].map((index) => `${topic} ${index} 0`),
      );
      expect(before.reduce((sum, row) => sum + Number(row['LOG-END-OFFSET']), 0)).toBe(4);

      // Two more messages nobody has read: the lag is exactly those two.
      await kafkaTool('kafka-console-producer', bootstrap, ['--topic', topic], 'late-1\nlate-2\n');
      const behind = groupRows(
        (await kafkaTool('kafka-consumer-groups', bootstrap, ['--describe', '--group', group]))
          .lines,
      );
      expect(behind.reduce((sum, row) => sum + Number(row.LAG), 0)).toBe(2);
      for (const row of behind)
        expect(Number(row['CURRENT-OFFSET']) + Number(row.LAG)).toBe(Number(row['LOG-END-OFFSET']));
    });

    it('kafka-consumer-groups shows a running console consumer as the owner of every partition', async () => {
      const tool = kafkaToolCommand('kafka-console-consumer', [
        '--bootstrap-server',
        bootstrap,
        '--topic',
        topic,
        '--group',
        'cli-live',
        '--from-beginning',
      ]);
      const consumer = spawn(tool.command, tool.args, { stdio: ['ignore', 'pipe', 'pipe'] });
      try {
        let rows: Record<string, string>[] = [];
        await expect
          .poll(
            async () => {
              const run = await kafkaTool('kafka-consumer-groups', bootstrap, [
                '--describe',
                '--group',
                'cli-live',
              ]);
              rows = groupRows(run.lines);
              // Owned as soon as it joins; LAG 0 once its first auto-commit (5 s) lands.
              return rows.filter((row) => row['CONSUMER-ID'] !== '-' && row.LAG === '0').length;
            },
            { timeout: 180_000, interval: 1000 },
          )
          .toBe(3);
        const [owner] = new Set(rows.map((row) => row['CONSUMER-ID']));
        for (const row of rows) {
          expect(row).toMatchObject({
            TOPIC: topic,
            LAG: '0',
            HOST: '/127.0.0.1',
            'CONSUMER-ID': owner,
          });
          expect(owner?.startsWith(`${row['CLIENT-ID']}-`)).toBe(true);
        }
      } finally {
        // SIGTERM lets it leave the group; SIGKILL if its shutdown hangs.
        if (consumer.exitCode === null && consumer.signalCode === null) {
          const exited = once(consumer, 'exit');
          consumer.kill('SIGTERM');
          const killer = setTimeout(() => consumer.kill('SIGKILL'), 30_000);
          await exited;
          clearTimeout(killer);
        }
      }
    });

    it('kafka-consumer-groups reports an unknown group as Kafka 4.4 does', async () => {
      const unknown = await kafkaTool('kafka-consumer-groups', bootstrap, [
        '--describe',
        '--group',
        'nobody',
      ]);
      expect(unknown.lines.join('\n') + unknown.stderr).toContain(
        'GroupIdNotFoundException: Group nobody not found.',
      );
    });

    it('kafka-broker-api-versions shows the advertised ranges and the rest as UNSUPPORTED', async () => {
      const versions = await kafkaTool('kafka-broker-api-versions', bootstrap, []);
      expect(versions.code).toBe(0);
      expect(versions.lines).toEqual(
        expect.arrayContaining([
          '\tProduce(0): 0 to 13 [usable: 13],',
          '\tFetch(1): 4 to 18 [usable: 18],',
          '\tMetadata(3): 0 to 13 [usable: 13],',
          '\tApiVersions(18): 0 to 5 [usable: 5],',
          '\tDescribeConfigs(32): 1 to 4 [usable: 4],',
          '\tAddPartitionsToTxn(24): UNSUPPORTED,',
        ]),
      );
    });
  },
);
