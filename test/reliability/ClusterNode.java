import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One node of a multi-node cluster, one JVM per node, for promise 8 (cluster.ts) and for trying
 * a cluster on one machine (test/reliability/README.md).
 *
 * <p>The embedded engines' runners (codelibs OpenSearchRunner and ElasticsearchClusterRunner)
 * put {@code cluster.name}, {@code node.name} ("Node 1"), {@code http.port} and, for OpenSearch
 * with {@code -numOfNode 1}, {@code discovery.type: single-node} over whatever the node's
 * {@code config/opensearch.yml} (or {@code elasticsearch.yml}) says, so three runners started
 * with {@code -numOfNode 1} never find each other. A runner lets its caller supply settings
 * first ({@code onBuild}) and only fills in what is absent; this shim loads the node's YAML
 * file there, so the file wins, and asks for the engines' own default discovery ({@code zen})
 * when the file names none. Everything else is the runner's own main. Reflection keeps one shim
 * for both runners (their Settings classes live in different packages).
 *
 * <p>Arguments: the runner class, then the runner's own arguments. Source-file mode needs no
 * build step:
 *
 * <pre>
 * java -Xms512m -Xmx512m -cp '.ireum/cache/opensearch/lib/*' test/reliability/ClusterNode.java \
 *   org.codelibs.opensearch.runner.OpenSearchRunner \
 *   -basePath /tmp/os3/node1 -numOfNode 1 -baseHttpPort 9240 -clusterName my-cluster
 * </pre>
 */
public class ClusterNode {
  public static void main(String[] argv) throws Exception {
    if (argv.length < 1) throw new IllegalArgumentException("usage: ClusterNode <runner class> <runner args>");
    String[] args = Arrays.copyOfRange(argv, 1, argv.length);
    String basePath = null;
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("-basePath")) basePath = args[i + 1];
    }
    if (basePath == null) throw new IllegalArgumentException("-basePath is required");
    Path config = Path.of(basePath, "node_1", "config");
    Path yml = config.resolve("opensearch.yml");
    if (!Files.exists(yml)) yml = config.resolve("elasticsearch.yml");
    if (!Files.exists(yml)) throw new IllegalArgumentException("no opensearch.yml or elasticsearch.yml in " + config);
    final Path file = yml;

    Class<?> runnerClass = Class.forName(argv[0]);
    Class<?> builderInterface = Class.forName(argv[0] + "$Builder");
    Object runner = runnerClass.getConstructor().newInstance();
    Object onBuild =
        Proxy.newProxyInstance(
            runnerClass.getClassLoader(),
            new Class<?>[] {builderInterface},
            (proxy, method, a) -> {
              if (method.getDeclaringClass() == Object.class) return method.invoke(file, a);
              // build(int nodeNumber, Settings.Builder settings)
              Object settings = a[1];
              Class<?> c = settings.getClass();
              c.getMethod("loadFromPath", Path.class).invoke(settings, file);
              if (c.getMethod("get", String.class).invoke(settings, "discovery.type") == null) {
                c.getMethod("put", String.class, String.class).invoke(settings, "discovery.type", "zen");
              }
              return null;
            });
    runnerClass.getMethod("onBuild", builderInterface).invoke(runner, onBuild);
    Method isClosed = runnerClass.getMethod("isClosed");
    Method close = runnerClass.getMethod("close");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    close.invoke(runner);
                  } catch (Exception e) {
                    e.printStackTrace();
                  }
                }));
    try {
      runnerClass.getMethod("build", String[].class).invoke(runner, (Object) args);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
    while (!(Boolean) isClosed.invoke(runner)) Thread.sleep(5_000);
  }
}
