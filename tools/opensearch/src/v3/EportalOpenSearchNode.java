/*
 * Minimal launcher for a real OpenSearch 3.x node running in one JVM, with the
 * distribution's modules put on the classpath (see README.md). The 3.x twin of
 * ../EportalOpenSearchNode.java (2.19): 3.x renamed the module classes
 * (*ModulePlugin) and takes classpath plugins as PluginInfo, not as classes.
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

import org.opensearch.analysis.common.CommonAnalysisModulePlugin;
import org.opensearch.Version;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasModulePlugin;
import org.opensearch.index.reindex.ReindexModulePlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.painless.PainlessModulePlugin;
import org.opensearch.plugins.ExtensiblePlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.PluginInfo;
import org.opensearch.transport.Netty4ModulePlugin;

public final class EportalOpenSearchNode {

    /**
     * Wire the Painless extensions of the other modules (analysis-common's
     * allowlist for AnalysisPredicateScript) the way a distribution does, by
     * java.util.ServiceLoader over org.opensearch.painless.spi.PainlessExtension.
     * PainlessModulePlugin is final and keeps its context allowlists in a static map
     * (checked for 3.9.0), so loading them through a throw-away instance before
     * the node starts is enough; the node's own instance then sees them.
     */
    static void loadPainlessExtensions() {
        new PainlessModulePlugin().loadExtensions(new ExtensiblePlugin.ExtensionLoader() {
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
            super(environment, pluginInfos(plugins), true);
        }

        static List<PluginInfo> pluginInfos(final Collection<Class<? extends Plugin>> plugins) {
            final List<PluginInfo> infos = new ArrayList<>();
            for (final Class<? extends Plugin> plugin : plugins) {
                infos.add(new PluginInfo(plugin.getName(), "classpath module", "NA", Version.CURRENT,
                    "21", plugin.getName(), null, Collections.emptyList(), false));
            }
            return infos;
        }
    }

    static final List<Class<? extends Plugin>> MODULES = Arrays.asList(
        Netty4ModulePlugin.class,
        CommonAnalysisModulePlugin.class,
        PainlessModulePlugin.class,
        MapperExtrasModulePlugin.class,
        ReindexModulePlugin.class
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
        Files.createDirectories(environment.modulesDir());
        Files.createDirectories(environment.pluginsDir());

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
