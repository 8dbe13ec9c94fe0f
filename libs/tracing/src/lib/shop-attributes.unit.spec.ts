import { describe, expect, it } from 'vitest';
import { aggregateIdAttribute } from './shop-attributes.js';

describe('aggregateIdAttribute', () => {
  it('names the id attribute after the aggregate type', () => {
    expect(aggregateIdAttribute('order')).toBe('shop.order_id');
    expect(aggregateIdAttribute('Course Seat')).toBe('shop.course_seat_id');
  });
});
