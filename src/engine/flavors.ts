/** The embedded engines Ireum can launch; one pom.xml per flavour under `engine/`. */
export type Flavor = 'opensearch' | 'elasticsearch7';

export const FLAVORS = ['opensearch', 'elasticsearch7'] as const satisfies readonly Flavor[];

export const DEFAULT_FLAVOR: Flavor = 'opensearch';

export interface FlavorSpec {
  flavor: Flavor;
  /** For messages: what the user gets. */
  label: string;
  /** Relative to the project root. */
  pom: string;
  mainClass: string;
  /** Java majors the engine runs on, inclusive. */
  java: { min: number; max: number };
  /** Extra JDKs to try after JAVA_HOME, in order of preference. */
  javaFallbacks: string[];
  /** The node's config file, which the runner copies from its jar only when absent. */
  configFile: string;
}

const SPECS: Record<Flavor, FlavorSpec> = {
  opensearch: {
    flavor: 'opensearch',
    label: 'OpenSearch 3.8',
    pom: 'engine/opensearch/pom.xml',
    mainClass: 'org.codelibs.opensearch.runner.OpenSearchRunner',
    java: { min: 21, max: Number.MAX_SAFE_INTEGER },
    javaFallbacks: ['', '/usr/lib/jvm/temurin-25-jdk-amd64'],
    configFile: 'opensearch.yml',
  },
  elasticsearch7: {
    flavor: 'elasticsearch7',
    label: 'Elasticsearch 7.10',
    pom: 'engine/elasticsearch7/pom.xml',
    mainClass: 'org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner',
    // 7.10 predates the Java 18+ changes (security manager removal, etc.); 17 is the newest it takes.
    java: { min: 11, max: 17 },
    javaFallbacks: ['', '/usr/lib/jvm/java-17-openjdk-amd64'],
    configFile: 'elasticsearch.yml',
  },
};

export function flavorSpec(flavor: Flavor): FlavorSpec {
  return SPECS[flavor];
}

export function isFlavor(value: unknown): value is Flavor {
  return typeof value === 'string' && (FLAVORS as readonly string[]).includes(value);
}

/** Parses a user-supplied flavour; undefined or empty means the default. */
export function parseFlavor(value: string | undefined): Flavor {
  if (value === undefined || value === '') return DEFAULT_FLAVOR;
  if (isFlavor(value)) return value;
  throw new Error(
    `ConfigError: unknown engine flavour '${value}' (expected ${FLAVORS.join(' or ')})`,
  );
}
