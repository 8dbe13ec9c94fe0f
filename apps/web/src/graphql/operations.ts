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
      payment {
        status
      }
      receipt {
        sentAt
      }
    }
  }
`);

// The purchase timeline of one order (components/order-timeline.tsx): its
// hops from the traces, and the status history — placed in the hops, and on
// its own for when there is no timeline.
export const OrderTimelineQuery = graphql(`
  query OrderTimeline($id: ID!) {
    order(id: $id) {
      id
      status
      history {
        from
        to
        reason
        at
      }
      timeline {
        hops {
          id
          step
          service
          caller
          intent
          transport
          mode
          startedAt
          durationMs
          waitedMs
          outcome
          outcomeDetail
          attempt
          causedBy
        }
        history {
          from
          to
          reason
          at
          duringHop
        }
      }
    }
  }
`);
