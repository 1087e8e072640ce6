/*
 * Minimal launcher for a real, single OpenSearch 2.19 node running in one JVM,
 * with the distribution's modules put on the classpath (see README.md).
 *
 * Usage: java -cp "<lib>/*:<classes>" EportalOpenSearchNode <path.home>
 *
 * All node settings come from <path.home>/config/opensearch.yml, and logging
 * from <path.home>/config/log4j2.properties; start.sh writes both.
 *
 * This is what org.opensearch.bootstrap.Bootstrap does, minus the security
 * manager, the native/bootstrap checks and the plugin-directory layout: the
 * modules are loaded as "classpath plugins". One gap of classpath plugins is
 * that plugin *extensions* are not wired (a classpath plugin declares no
 * extended plugins), so analysis-common's Painless allowlist (used by the
 * predicate_token_filter and condition token filters) would be missing.
 * loadPainlessExtensions() closes that gap.
 */

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.ExtensiblePlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

public final class EportalOpenSearchNode {

    /**
     * Wire the Painless extensions of the other modules (analysis-common's
     * allowlist for AnalysisPredicateScript) the way a distribution does, by
     * java.util.ServiceLoader over org.opensearch.painless.spi.PainlessExtension.
     * PainlessPlugin is final and keeps its context allowlists in a static map
     * (checked for 2.19.6), so loading them through a throw-away instance before
     * the node starts is enough; the node's own instance then sees them.
     */
    static void loadPainlessExtensions() {
        new PainlessPlugin().loadExtensions(new ExtensiblePlugin.ExtensionLoader() {
            @Override
            public <T> List<T> loadExtensions(final Class<T> type) {
                final List<T> found = new ArrayList<>();
                for (final T extension : ServiceLoader.load(type, EportalOpenSearchNode.class.getClassLoader())) {
                    found.add(extension);
                }
                return found;
            }
        });
    }

    static final class LocalNode extends Node {
        LocalNode(final Environment environment, final Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    static final List<Class<? extends Plugin>> MODULES = Arrays.asList(
        Netty4Plugin.class,
        CommonAnalysisPlugin.class,
        PainlessPlugin.class,
        MapperExtrasPlugin.class,
        ReindexPlugin.class
    );

    public static void main(final String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: EportalOpenSearchNode <path.home>");
            System.exit(2);
        }
        final Path home = Paths.get(args[0]).toAbsolutePath();
        final Path config = home.resolve("config");
        final Settings input = Settings.builder().put("path.home", home.toString()).build();
        final Environment environment = InternalSettingsPreparer.prepareEnvironment(
            input, Collections.emptyMap(), config, () -> "eportal-node");

        LogConfigurator.registerErrorListener();
        LogConfigurator.configure(environment);
        Files.createDirectories(environment.modulesFile());
        Files.createDirectories(environment.pluginsFile());

        loadPainlessExtensions();

        final CountDownLatch keepAlive = new CountDownLatch(1);
        final Node node = new LocalNode(environment, MODULES);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (final Exception e) {
                e.printStackTrace();
            } finally {
                keepAlive.countDown();
            }
        }, "eportal-opensearch-shutdown"));

        try {
            node.start();
        } catch (final Throwable t) {
            System.err.println("OpenSearch node failed to start: " + t);
            t.printStackTrace();
            System.exit(1);
        }
        keepAlive.await();
    }
}
