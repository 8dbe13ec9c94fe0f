import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient } from '../generated/prisma/client.js';
import type { Course } from './domain/course.js';

/** What the catalog use cases need from storage; Prisma stays behind it. */
export abstract class CoursesRepository {
  /** Courses ordered by slug, strictly after `afterSlug` when given. */
  abstract page(afterSlug: string | undefined, limit: number): Promise<Course[]>;
  abstract byId(id: string): Promise<Course | undefined>;
  /** The courses that exist among `ids`, in no particular order. */
  abstract byIds(ids: readonly string[]): Promise<Course[]>;
}

@Injectable()
export class PrismaCoursesRepository extends CoursesRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {
    super();
  }

  async page(afterSlug: string | undefined, limit: number): Promise<Course[]> {
    const rows = await this.prisma.course.findMany({
      where: afterSlug === undefined ? {} : { slug: { gt: afterSlug } },
      orderBy: { slug: 'asc' },
      take: limit,
    });
    return rows.map(toCourse);
  }

  async byId(id: string): Promise<Course | undefined> {
    const row = await this.prisma.course.findUnique({ where: { id } });
    return row ? toCourse(row) : undefined;
  }

  async byIds(ids: readonly string[]): Promise<Course[]> {
    const rows = await this.prisma.course.findMany({ where: { id: { in: [...ids] } } });
    return rows.map(toCourse);
  }
}

type CourseRow = NonNullable<Awaited<ReturnType<PrismaClient['course']['findUnique']>>>;

function toCourse(row: CourseRow): Course {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    description: row.description,
    price: { amountMinor: row.priceMinor, currency: row.currency },
    capacityHint: row.capacityHint,
  };
}
