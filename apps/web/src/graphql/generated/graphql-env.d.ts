/* eslint-disable */
/* prettier-ignore */

export type introspection_types = {
    'Boolean': unknown;
    'CacheControlScope': { name: 'CacheControlScope'; enumValues: 'PRIVATE' | 'PUBLIC'; };
    'Course': { kind: 'OBJECT'; name: 'Course'; fields: { 'description': { name: 'description'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'String'; ofType: null; }; } }; 'id': { name: 'id'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'ID'; ofType: null; }; } }; 'price': { name: 'price'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'OBJECT'; name: 'Money'; ofType: null; }; } }; 'seats': { name: 'seats'; type: { kind: 'OBJECT'; name: 'CourseSeats'; ofType: null; } }; 'slug': { name: 'slug'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'String'; ofType: null; }; } }; 'stats': { name: 'stats'; type: { kind: 'OBJECT'; name: 'CourseStats'; ofType: null; } }; 'title': { name: 'title'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'String'; ofType: null; }; } }; }; };
    'CourseConnection': { kind: 'OBJECT'; name: 'CourseConnection'; fields: { 'nextCursor': { name: 'nextCursor'; type: { kind: 'SCALAR'; name: 'String'; ofType: null; } }; 'nodes': { name: 'nodes'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'LIST'; name: never; ofType: { kind: 'NON_NULL'; name: never; ofType: { kind: 'OBJECT'; name: 'Course'; ofType: null; }; }; }; } }; }; };
    'CourseSeats': { kind: 'OBJECT'; name: 'CourseSeats'; fields: { 'available': { name: 'available'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'Int'; ofType: null; }; } }; 'capacity': { name: 'capacity'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'Int'; ofType: null; }; } }; 'taken': { name: 'taken'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'Int'; ofType: null; }; } }; }; };
    'CourseStats': { kind: 'OBJECT'; name: 'CourseStats'; fields: { 'cancellations': { name: 'cancellations'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'Int'; ofType: null; }; } }; 'conversions': { name: 'conversions'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'Int'; ofType: null; }; } }; 'revenue': { name: 'revenue'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'OBJECT'; name: 'Money'; ofType: null; }; } }; }; };
    'DateTime': unknown;
    'Enrollment': { kind: 'OBJECT'; name: 'Enrollment'; fields: { 'course': { name: 'course'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'OBJECT'; name: 'Course'; ofType: null; }; } }; 'enrolledAt': { name: 'enrolledAt'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'DateTime'; ofType: null; }; } }; }; };
    'ID': unknown;
    'Int': unknown;
    'MinorUnits': unknown;
    'Money': { kind: 'OBJECT'; name: 'Money'; fields: { 'amountMinor': { name: 'amountMinor'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'Int'; ofType: null; }; } }; 'currency': { name: 'currency'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'String'; ofType: null; }; } }; 'minorUnits': { name: 'minorUnits'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'MinorUnits'; ofType: null; }; } }; }; };
    'Mutation': { kind: 'OBJECT'; name: 'Mutation'; fields: { 'placeOrder': { name: 'placeOrder'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'OBJECT'; name: 'Order'; ofType: null; }; } }; }; };
    'Order': { kind: 'OBJECT'; name: 'Order'; fields: { 'enrollments': { name: 'enrollments'; type: { kind: 'LIST'; name: never; ofType: { kind: 'NON_NULL'; name: never; ofType: { kind: 'OBJECT'; name: 'Enrollment'; ofType: null; }; }; } }; 'history': { name: 'history'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'LIST'; name: never; ofType: { kind: 'NON_NULL'; name: never; ofType: { kind: 'OBJECT'; name: 'OrderStatusChange'; ofType: null; }; }; }; } }; 'id': { name: 'id'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'ID'; ofType: null; }; } }; 'learnerId': { name: 'learnerId'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'ID'; ofType: null; }; } }; 'lines': { name: 'lines'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'LIST'; name: never; ofType: { kind: 'NON_NULL'; name: never; ofType: { kind: 'OBJECT'; name: 'OrderLine'; ofType: null; }; }; }; } }; 'payment': { name: 'payment'; type: { kind: 'OBJECT'; name: 'Payment'; ofType: null; } }; 'placedAt': { name: 'placedAt'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'DateTime'; ofType: null; }; } }; 'receipt': { name: 'receipt'; type: { kind: 'OBJECT'; name: 'Receipt'; ofType: null; } }; 'status': { name: 'status'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'ENUM'; name: 'OrderStatus'; ofType: null; }; } }; 'total': { name: 'total'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'OBJECT'; name: 'Money'; ofType: null; }; } }; }; };
    'OrderConnection': { kind: 'OBJECT'; name: 'OrderConnection'; fields: { 'nextCursor': { name: 'nextCursor'; type: { kind: 'SCALAR'; name: 'String'; ofType: null; } }; 'nodes': { name: 'nodes'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'LIST'; name: never; ofType: { kind: 'NON_NULL'; name: never; ofType: { kind: 'OBJECT'; name: 'Order'; ofType: null; }; }; }; } }; }; };
    'OrderLine': { kind: 'OBJECT'; name: 'OrderLine'; fields: { 'course': { name: 'course'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'OBJECT'; name: 'Course'; ofType: null; }; } }; 'price': { name: 'price'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'OBJECT'; name: 'Money'; ofType: null; }; } }; }; };
    'OrderStatus': { name: 'OrderStatus'; enumValues: 'CANCELLED' | 'COMPLETED' | 'ENROLLING' | 'PAID' | 'PENDING_PAYMENT'; };
    'OrderStatusChange': { kind: 'OBJECT'; name: 'OrderStatusChange'; fields: { 'at': { name: 'at'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'DateTime'; ofType: null; }; } }; 'from': { name: 'from'; type: { kind: 'ENUM'; name: 'OrderStatus'; ofType: null; } }; 'reason': { name: 'reason'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'String'; ofType: null; }; } }; 'to': { name: 'to'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'ENUM'; name: 'OrderStatus'; ofType: null; }; } }; }; };
    'Payment': { kind: 'OBJECT'; name: 'Payment'; fields: { 'amount': { name: 'amount'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'OBJECT'; name: 'Money'; ofType: null; }; } }; 'id': { name: 'id'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'ID'; ofType: null; }; } }; 'status': { name: 'status'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'ENUM'; name: 'PaymentStatus'; ofType: null; }; } }; }; };
    'PaymentStatus': { name: 'PaymentStatus'; enumValues: 'AUTHORIZED' | 'DECLINED' | 'REFUNDED'; };
    'PlaceOrderInput': { kind: 'INPUT_OBJECT'; name: 'PlaceOrderInput'; isOneOf: false; inputFields: [{ name: 'cardToken'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'String'; ofType: null; }; }; defaultValue: "\"tok_visa\"" }, { name: 'courseIds'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'LIST'; name: never; ofType: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'ID'; ofType: null; }; }; }; }; defaultValue: null }, { name: 'idempotencyKey'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'String'; ofType: null; }; }; defaultValue: null }]; };
    'Query': { kind: 'OBJECT'; name: 'Query'; fields: { 'course': { name: 'course'; type: { kind: 'OBJECT'; name: 'Course'; ofType: null; } }; 'courses': { name: 'courses'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'OBJECT'; name: 'CourseConnection'; ofType: null; }; } }; 'myOrders': { name: 'myOrders'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'OBJECT'; name: 'OrderConnection'; ofType: null; }; } }; 'order': { name: 'order'; type: { kind: 'OBJECT'; name: 'Order'; ofType: null; } }; }; };
    'Receipt': { kind: 'OBJECT'; name: 'Receipt'; fields: { 'body': { name: 'body'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'String'; ofType: null; }; } }; 'id': { name: 'id'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'ID'; ofType: null; }; } }; 'sentAt': { name: 'sentAt'; type: { kind: 'NON_NULL'; name: never; ofType: { kind: 'SCALAR'; name: 'DateTime'; ofType: null; }; } }; }; };
    'String': unknown;
};

/** An IntrospectionQuery representation of your schema.
 *
 * @remarks
 * This is an introspection of your schema saved as a file by GraphQLSP.
 * It will automatically be used by `gql.tada` to infer the types of your GraphQL documents.
 * If you need to reuse this data or update your `scalars`, update `tadaOutputLocation` to
 * instead save to a .ts instead of a .d.ts file.
 */
export type introspection = {
  name: never;
  query: 'Query';
  mutation: 'Mutation';
  subscription: never;
  types: introspection_types;
};

import * as gqlTada from 'gql.tada';

declare module 'gql.tada' {
  interface setupSchema {
    introspection: introspection
  }
}