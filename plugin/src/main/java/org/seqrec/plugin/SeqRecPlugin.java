package org.seqrec.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.lucene.util.SetOnce;
import org.opensearch.action.ActionRequest;
import org.opensearch.cluster.NamedDiff;
import org.opensearch.cluster.metadata.IndexNameExpressionResolver;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.cluster.node.DiscoveryNodes;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.settings.ClusterSettings;
import org.opensearch.common.settings.IndexScopedSettings;
import org.opensearch.common.settings.Setting;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.settings.SettingsFilter;
import org.opensearch.core.ParseField;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.env.Environment;
import org.opensearch.env.NodeEnvironment;
import org.opensearch.indices.SystemIndexDescriptor;
import org.opensearch.plugins.ActionPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.SearchPipelinePlugin;
import org.opensearch.plugins.SearchPlugin;
import org.opensearch.plugins.SystemIndexPlugin;
import org.opensearch.repositories.RepositoriesService;
import org.opensearch.rest.RestController;
import org.opensearch.rest.RestHandler;
import org.opensearch.rest.RestHeaderDefinition;
import org.opensearch.script.ScriptService;
import org.opensearch.search.pipeline.Processor;
import org.opensearch.search.pipeline.SearchRequestProcessor;
import org.opensearch.threadpool.ExecutorBuilder;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.client.Client;
import org.opensearch.watcher.ResourceWatcherService;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.plugin.clause.ClauseFields;
import org.seqrec.plugin.inference.HistoryEncoder;
import org.seqrec.plugin.model.ConfigDirectoryModelSource;
import org.seqrec.plugin.model.DjlCalls;
import org.seqrec.plugin.model.ItemIndexConfig;
import org.seqrec.plugin.model.ModelRegistry;
import org.seqrec.plugin.model.ModelSource;
import org.seqrec.plugin.parse.SeqRecQueryParser;
import org.seqrec.plugin.parse.SeqRecRescoreParser;
import org.seqrec.plugin.parse.SeqRecSearchExtParser;
import org.seqrec.plugin.pipeline.SeqRecPersonalizeProcessor;
import org.seqrec.plugin.pipeline.SeqRecSearchExt;
import org.seqrec.plugin.query.SeqRecQueryBuilder;
import org.seqrec.plugin.rescore.SeqRecRescorerBuilder;
import org.seqrec.plugin.rest.RestAddItemsAction;
import org.seqrec.plugin.rest.RestDeleteModelAction;
import org.seqrec.plugin.rest.RestGetModelsAction;
import org.seqrec.plugin.rest.RestPutModelAction;
import org.seqrec.plugin.rest.RestRecommendAction;
import org.seqrec.plugin.rest.RestStatsAction;
import org.seqrec.plugin.settings.SeqRecSettings;
import org.seqrec.plugin.stats.SeqRecStats;
import org.seqrec.plugin.store.ModelCatalog;
import org.seqrec.plugin.store.ModelStore;
import org.seqrec.plugin.store.ModelStoreIndex;
import org.seqrec.plugin.store.StoreModelSource;
import org.seqrec.plugin.transport.AddItemsAction;
import org.seqrec.plugin.transport.DeleteModelAction;
import org.seqrec.plugin.transport.GetModelsAction;
import org.seqrec.plugin.transport.PutModelAction;
import org.seqrec.plugin.transport.RecommendAction;
import org.seqrec.plugin.transport.StatsAction;
import org.seqrec.plugin.transport.TransportAddItemsAction;
import org.seqrec.plugin.transport.TransportDeleteModelAction;
import org.seqrec.plugin.transport.TransportGetModelsAction;
import org.seqrec.plugin.transport.TransportPutModelAction;
import org.seqrec.plugin.transport.TransportRecommendAction;
import org.seqrec.plugin.transport.TransportStatsAction;
import org.seqrec.plugin.transport.TransportUpdateCatalogAction;
import org.seqrec.plugin.transport.UpdateCatalogAction;

/**
 * The seqrec plugin: registers the {@code seqrec} rescorer and query, the {@code seqrec_personalize}
 * search request processor with the search request's {@code ext.seqrec} section and the
 * {@value ClauseFields#USER_HEADER} header it reads, the REST and transport actions (model store,
 * {@code _recommend}, stats), the model catalogue's cluster-state section,
 * the store's system index, the node settings and the inference thread pool. Shared services are
 * built once per node in {@link #createComponents} and reach the parsers through
 * {@link #services()} (a {@link SetOnce}: OpenSearch builds the parsers before it calls
 * {@code createComponents}) and the transport actions by injection.
 */
public class SeqRecPlugin extends Plugin
        implements SearchPlugin, SearchPipelinePlugin, ActionPlugin, SystemIndexPlugin {
    private static final Logger LOGGER = LogManager.getLogger(SeqRecPlugin.class);

    private final Settings settings;
    private final SetOnce<SeqRecServices> services = new SetOnce<>();

    public SeqRecPlugin(Settings settings) {
        this.settings = settings;
    }

    @Override
    public List<Setting<?>> getSettings() {
        return SeqRecSettings.all();
    }

    @Override
    public List<ExecutorBuilder<?>> getExecutorBuilders(Settings nodeSettings) {
        return List.of(SeqRecSettings.inferenceExecutor(nodeSettings), SeqRecSettings.indexBuildExecutor(nodeSettings));
    }

    @Override
    public Collection<Object> createComponents(
            Client client,
            ClusterService clusterService,
            ThreadPool threadPool,
            ResourceWatcherService resourceWatcherService,
            ScriptService scriptService,
            NamedXContentRegistry xContentRegistry,
            Environment environment,
            NodeEnvironment nodeEnvironment,
            NamedWriteableRegistry namedWriteableRegistry,
            IndexNameExpressionResolver indexNameExpressionResolver,
            Supplier<RepositoriesService> repositoriesServiceSupplier) {
        DevicePreference device = SeqRecSettings.DEVICE.get(settings);
        int threads = SeqRecSettings.INFERENCE_THREADS.get(settings);
        Path cacheDir = pluginDataDir(environment, nodeEnvironment).resolve("djl-cache");
        try {
            DjlCalls.configure(cacheDir, threads);
        } catch (IOException e) {
            throw new UncheckedIOException("seqrec: cannot create the DJL cache folder " + cacheDir, e);
        }
        ModelStore store = new ModelStore(
                client,
                threadPool,
                SeqRecSettings.STORE_CHUNK_SIZE,
                SeqRecSettings.MAX_ARTIFACT_SIZE.get(settings).getBytes());
        ConfigDirectoryModelSource files = new ConfigDirectoryModelSource(environment.configDir());
        List<ModelSource> sources = List.of(new StoreModelSource(clusterService::state, store), files);
        SeqRecStats stats = new SeqRecStats();
        long cacheBytes = SeqRecSettings.MODEL_CACHE_MAX_SIZE.get(settings).getBytes();
        ItemIndexConfig indexConfig = new ItemIndexConfig(
                SeqRecSettings.INDEX_EXACT_MAX_ITEMS.get(settings),
                SeqRecSettings.hnswParams(settings),
                threadPool.executor(SeqRecSettings.INDEX_BUILD_THREAD_POOL),
                threadPool.info(SeqRecSettings.INDEX_BUILD_THREAD_POOL).getMax());
        ModelRegistry models = new ModelRegistry(
                sources,
                device,
                SeqRecSettings.CPU_INFERENCE.get(settings),
                indexConfig,
                cacheBytes,
                stats,
                threadPool.generic());
        // A replaced or deleted model is unloaded when the catalogue change reaches this node.
        clusterService.addListener(event -> {
            if (event.changedCustomMetadataSet().contains(ModelCatalog.TYPE)) {
                models.retainServable();
            }
        });
        Executor inference = threadPool.executor(SeqRecSettings.INFERENCE_THREAD_POOL);
        int inferenceThreads =
                threadPool.info(SeqRecSettings.INFERENCE_THREAD_POOL).getMax();
        HistoryEncoder encoder =
                new HistoryEncoder(models, inference, inferenceThreads, settings, stats, threadPool.getThreadContext());
        SeqRecServices nodeServices = new SeqRecServices(
                models,
                inference,
                encoder,
                SeqRecServices.segmentRows(models),
                SeqRecSettings.MAX_HISTORY_LENGTH.get(settings),
                SeqRecSettings.MAX_WINDOW_SIZE.get(settings),
                stats,
                settings.get(SeqRecSettings.DEVICE.getKey(), SeqRecSettings.DEVICE.getDefaultRaw(settings)));
        services.set(nodeServices);
        LOGGER.info(
                "seqrec: models come from the cluster's store ({}) and from [{}]; plugins.seqrec.device: {}",
                ModelStoreIndex.NAME,
                files.modelsDir(),
                device);
        // returned components are bound for injection into the transport actions
        return List.of(models, nodeServices, store);
    }

    @Override
    public Collection<SystemIndexDescriptor> getSystemIndexDescriptors(Settings settings) {
        return List.of(
                new SystemIndexDescriptor(ModelStoreIndex.PATTERN, "seqrec model store: uploaded model artifacts"));
    }

    @Override
    public List<NamedWriteableRegistry.Entry> getNamedWriteables() {
        return List.of(
                new NamedWriteableRegistry.Entry(Metadata.Custom.class, ModelCatalog.TYPE, ModelCatalog::new),
                new NamedWriteableRegistry.Entry(NamedDiff.class, ModelCatalog.TYPE, ModelCatalog::readDiffFrom));
    }

    @Override
    public List<NamedXContentRegistry.Entry> getNamedXContent() {
        return List.of(new NamedXContentRegistry.Entry(
                Metadata.Custom.class, new ParseField(ModelCatalog.TYPE), ModelCatalog::fromXContent));
    }

    /** {@code <first node data path>/seqrec}: a folder this node owns. */
    private static Path pluginDataDir(Environment environment, NodeEnvironment nodeEnvironment) {
        Path[] nodePaths = nodeEnvironment.nodeDataPaths();
        Path base = nodePaths.length > 0 ? nodePaths[0] : environment.dataFiles()[0];
        return base.resolve("seqrec");
    }

    @Override
    public List<RescorerSpec<?>> getRescorers() {
        return List.of(new RescorerSpec<>(
                SeqRecRescorerBuilder.NAME,
                in -> new SeqRecRescorerBuilder(in, this::services),
                parser -> SeqRecRescoreParser.parse(parser, this::services)));
    }

    @Override
    public List<QuerySpec<?>> getQueries() {
        return List.of(new QuerySpec<>(
                SeqRecQueryBuilder.NAME,
                in -> new SeqRecQueryBuilder(in, this::services),
                parser -> SeqRecQueryParser.parse(parser, this::services)));
    }

    @Override
    public List<SearchExtSpec<?>> getSearchExts() {
        return List.of(new SearchExtSpec<>(SeqRecSearchExt.NAME, SeqRecSearchExt::new, SeqRecSearchExtParser::parse));
    }

    @Override
    public Map<String, Processor.Factory<SearchRequestProcessor>> getRequestProcessors(Parameters parameters) {
        return Map.of(
                SeqRecPersonalizeProcessor.TYPE,
                new SeqRecPersonalizeProcessor.Factory(parameters.client, parameters.threadContext, this::services));
    }

    /** The user header of {@code seqrec_personalize}: copied from HTTP requests into the thread context. */
    @Override
    public Collection<RestHeaderDefinition> getRestHeaders() {
        return List.of(new RestHeaderDefinition(ClauseFields.USER_HEADER, false));
    }

    @Override
    public List<ActionHandler<? extends ActionRequest, ? extends ActionResponse>> getActions() {
        return List.of(
                new ActionHandler<>(RecommendAction.INSTANCE, TransportRecommendAction.class),
                new ActionHandler<>(PutModelAction.INSTANCE, TransportPutModelAction.class),
                new ActionHandler<>(GetModelsAction.INSTANCE, TransportGetModelsAction.class),
                new ActionHandler<>(DeleteModelAction.INSTANCE, TransportDeleteModelAction.class),
                new ActionHandler<>(UpdateCatalogAction.INSTANCE, TransportUpdateCatalogAction.class),
                new ActionHandler<>(StatsAction.INSTANCE, TransportStatsAction.class),
                new ActionHandler<>(AddItemsAction.INSTANCE, TransportAddItemsAction.class));
    }

    @Override
    public List<RestHandler> getRestHandlers(
            Settings nodeSettings,
            RestController restController,
            ClusterSettings clusterSettings,
            IndexScopedSettings indexScopedSettings,
            SettingsFilter settingsFilter,
            IndexNameExpressionResolver indexNameExpressionResolver,
            Supplier<DiscoveryNodes> nodesInCluster) {
        return List.of(
                new RestRecommendAction(),
                new RestPutModelAction(
                        SeqRecSettings.MAX_ARTIFACT_SIZE.get(nodeSettings).getBytes()),
                new RestGetModelsAction(),
                new RestDeleteModelAction(),
                new RestStatsAction(),
                new RestAddItemsAction());
    }

    /** The node's services, or {@code null} before {@link #createComponents} ran. */
    SeqRecServices services() {
        return services.get();
    }

    @Override
    public void close() throws IOException {
        SeqRecServices s = services.get();
        if (s != null) {
            s.models().close();
        }
    }
}
