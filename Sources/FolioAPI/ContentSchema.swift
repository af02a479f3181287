public import GraphQLEngine

/// The content schema front ends query: the contract of issue #4, in SDL. `schema/schema.graphql`
/// is this schema printed; a test fails when the two drift apart.
public enum ContentSchema {
    static let sdl = #"""
        "An instant in UTC, RFC 3339, e.g. 2026-11-24T09:30:00Z."
        scalar DateTime

        "Where an article is in its life."
        enum ContentStatus {
          DRAFT
          PUBLISHED
          ARCHIVED
        }

        "An object with a globally unique, opaque ID, refetchable with `node(id:)`."
        interface Node {
          id: ID!
        }

        "A heading of an article body, for a table of contents."
        type Heading {
          level: Int!
          text: String!
          "The `id` the heading's HTML element carries."
          anchor: String!
        }

        "A person or team who writes or medically reviews articles."
        type Author implements Node {
          id: ID!
          slug: String!
          name: String!
          "Role or credentials."
          role: String
          bioHtml: String
          avatarUrl: String
          "Their articles, newest first."
          articles(first: Int = 10, after: String): ArticleConnection!
        }

        "An article: Markdown rendered once, at write time, into safe HTML."
        type Article implements Node {
          id: ID!
          slug: String!
          title: String!
          "The teaser shown in related-article lists and feeds."
          summary: String
          bodyMarkdown: String!
          bodyHtml: String!
          bodyText: String!
          headings: [Heading!]!
          readingTimeMinutes: Int!
          status: ContentStatus!
          "In the future on a published article: scheduled."
          publishedAt: DateTime
          updatedAt: DateTime!
          reviewedAt: DateTime
          reviewer: Author
          canonicalUrl: String
          author: Author
          tags: [String!]!
          procedures: [Procedure!]!
          "Editor-chosen related articles in their order, then filled with articles sharing tags or procedures."
          related(first: Int = 4): [Article!]!
        }

        "A medical procedure that articles describe."
        type Procedure implements Node {
          id: ID!
          slug: String!
          "The short name, e.g. MILD."
          name: String!
          fullName: String
          summary: String
          bodyHtml: String!
          "Conditions it treats."
          conditions: [String!]!
          symptoms: [String!]!
          durationMinutes: Int
          "Sedation or anesthesia used."
          anesthesia: String
          "Incision or approach."
          incision: String
          imagingGuidance: String
          recovery: String
          risks: [String!]!
          preparation: [String!]!
          "Articles covering the procedure, newest first."
          articles(first: Int = 10, after: String): ArticleConnection!
        }

        "Relay pagination state."
        type PageInfo {
          hasNextPage: Boolean!
          hasPreviousPage: Boolean!
          startCursor: String
          endCursor: String
        }

        type ArticleEdge {
          cursor: String!
          node: Article!
        }

        type ArticleConnection {
          edges: [ArticleEdge!]!
          nodes: [Article!]!
          pageInfo: PageInfo!
          totalCount: Int!
        }

        type AuthorEdge {
          cursor: String!
          node: Author!
        }

        type AuthorConnection {
          edges: [AuthorEdge!]!
          nodes: [Author!]!
          pageInfo: PageInfo!
          totalCount: Int!
        }

        type ProcedureEdge {
          cursor: String!
          node: Procedure!
        }

        type ProcedureConnection {
          edges: [ProcedureEdge!]!
          nodes: [Procedure!]!
          pageInfo: PageInfo!
          totalCount: Int!
        }

        "A full-text search result."
        type SearchHit {
          article: Article!
          "Relevance: higher is better."
          score: Float!
          "Matching text with the terms marked by <mark>."
          snippet: String!
        }

        type SearchHitEdge {
          cursor: String!
          node: SearchHit!
        }

        type SearchConnection {
          edges: [SearchHitEdge!]!
          nodes: [SearchHit!]!
          pageInfo: PageInfo!
          totalCount: Int!
        }

        "Which articles a list shows; all conditions hold together."
        input ArticleFilter {
          tag: String
          authorSlug: String
          procedureSlug: String
          publishedAfter: DateTime
          publishedBefore: DateTime
          "Only with a preview token: anonymous requests see published articles only."
          status: ContentStatus
        }

        enum ArticleOrder {
          PUBLISHED_AT_DESC
          PUBLISHED_AT_ASC
          TITLE_ASC
          UPDATED_AT_DESC
        }

        type Query {
          "Any object by its global ID."
          node(id: ID!): Node
          article(slug: String, id: ID): Article
          articles(first: Int, after: String, last: Int, before: String, filter: ArticleFilter, orderBy: ArticleOrder = PUBLISHED_AT_DESC): ArticleConnection!
          author(slug: String, id: ID): Author
          authors(first: Int, after: String): AuthorConnection!
          procedure(slug: String, id: ID): Procedure
          procedures(first: Int, after: String): ProcedureConnection!
          "Full-text search over titles, summaries and bodies, best match first."
          search(query: String!, first: Int, after: String): SearchConnection!
        }
        """#

    /// The schema with its DateTime scalar, validated once.
    public static func build() throws -> Schema {
        try Schema.build(sdl: sdl, name: "ContentSchema").withScalar("DateTime", DateTimeScalar.coercion)
    }
}
