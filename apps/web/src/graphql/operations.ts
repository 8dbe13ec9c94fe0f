import { graphql } from './graphql';

// Every operation the app sends. Each is sent as a persisted query
// (persisted-query.client.ts), and typed from the API schema by gql.tada.

export const CatalogPageQuery = graphql(`
  query CatalogPage($first: Int!, $after: String) {
    courses(first: $first, after: $after) {
      nodes {
        id
        title
        price {
          minorUnits
          currency
        }
        seats {
          available
        }
      }
      nextCursor
    }
  }
`);

export const CoursePageQuery = graphql(`
  query CoursePage($id: ID!) {
    course(id: $id) {
      id
      title
      description
      price {
        minorUnits
        currency
      }
      seats {
        available
        capacity
      }
    }
  }
`);

export const PlaceOrderMutation = graphql(`
  mutation PlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      id
      status
    }
  }
`);

export const MyOrdersQuery = graphql(`
  query MyOrders($first: Int!, $after: String) {
    myOrders(first: $first, after: $after) {
      nodes {
        id
        status
        placedAt
        total {
          minorUnits
          currency
        }
        lines {
          course {
            id
            title
          }
        }
      }
      nextCursor
    }
  }
`);

export const OrderPageQuery = graphql(`
  query OrderPage($id: ID!) {
    order(id: $id) {
      id
      status
      placedAt
      total {
        minorUnits
        currency
      }
      lines {
        course {
          id
          title
        }
        price {
          minorUnits
          currency
        }
      }
      history {
        from
        to
        reason
        at
      }
      payment {
        status
      }
      receipt {
        sentAt
      }
    }
  }
`);
