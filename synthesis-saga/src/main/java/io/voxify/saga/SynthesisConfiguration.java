package io.voxify.saga;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voxify.catalogue.PresetEmbeddings;
import io.voxify.catalogue.VoiceDirectory;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.inference.analysis.SampleAnalyzer;
import io.voxify.inference.voice.ProfileTrainer;
import io.voxify.inference.voice.SpeakerEncoder;
import io.voxify.inference.voice.VoiceFitter;
import io.voxify.infrastructure.DataDirectories;
import io.voxify.infrastructure.queue.WorkHandlers;
import io.voxify.infrastructure.queue.WorkQueue;
import io.voxify.infrastructure.relay.AudioRelay;
import io.voxify.infrastructure.storage.BlobStore;
import io.voxify.infrastructure.vector.VectorIndex;
import io.voxify.saga.job.SynthesisPolicy;
import io.voxify.saga.work.BackgroundWorkPolicy;
import io.voxify.worker.clone.CloneWorker;
import io.voxify.worker.recovery.InterruptedWorkRecovery;
import io.voxify.worker.sample.SampleProcessingWorker;
import io.voxify.worker.synthesis.SynthesisMetrics;
import io.voxify.worker.synthesis.SynthesisWorker;
import io.voxify.worker.training.TrainingCalibration;
import io.voxify.worker.training.TrainingWorker;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    SynthesisProperties.class,
    VoiceProperties.class,
    WebhookRetryProperties.class,
    DataDirectories.class
})
public class SynthesisConfiguration {
    private static final String WORKER_ID =
            "worker@" + ManagementFactory.getRuntimeMXBean().getName();

    /** Built-in voices, plus the Piper voices in the models directory (`make voices` fills it). */
    @Bean(destroyMethod = "close")
    SpeechSynthesizer speechSynthesizer(DataDirectories directories, SynthesisProperties synthesis) {
        return new SpeechSynthesizer(
                directories.modelsDir(),
                synthesis.sentencePause(),
                directories.dataDir().resolve("espeak"));
    }

    /** The project's generated encoder, or a pretrained one named by configuration. */
    @Bean(destroyMethod = "close")
    SpeakerEncoder speakerEncoder(VoiceProperties voice) {
        String modelPath = voice.speakerEncoderModel();
        return modelPath == null || modelPath.isBlank()
                ? SpeakerEncoder.createDefault()
                : SpeakerEncoder.fromFile(Path.of(modelPath));
    }

    @Bean
    SampleAnalyzer sampleAnalyzer() {
        return new SampleAnalyzer();
    }

    @Bean
    VoiceFitter voiceFitter(SpeechSynthesizer synthesizer, SpeakerEncoder encoder) {
        return new VoiceFitter(synthesizer, encoder);
    }

    @Bean
    SynthesisPolicy synthesisPolicy(SynthesisProperties synthesis) {
        return new SynthesisPolicy(synthesis.jobTimeout(), synthesis.maxAttempts(), synthesis.firstRetryDelay());
    }

    @Bean
    io.voxify.saga.webhook.WebhookPolicy webhookPolicy(WebhookRetryProperties webhooks) {
        return new io.voxify.saga.webhook.WebhookPolicy(
                io.voxify.saga.webhook.WebhookPolicy.parseDelays(webhooks.retryDelays()),
                webhooks.giveUpAfter(),
                webhooks.attemptGuard());
    }

    @Bean
    BackgroundWorkPolicy backgroundWorkPolicy(VoiceProperties voice) {
        return new BackgroundWorkPolicy(voice.sampleTimeout(), voice.cloneTimeout());
    }

    /** Metrics go to the application's registry; a process without one keeps them to itself. */
    @Bean
    SynthesisMetrics synthesisMetrics(ObjectProvider<MeterRegistry> registry) {
        return new SynthesisMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    SynthesisWorker synthesisWorker(
            CommandGateway commands,
            BlobStore blobs,
            VoiceDirectory voices,
            SpeechSynthesizer synthesizer,
            SynthesisMetrics metrics,
            AudioRelay streams) {
        return new SynthesisWorker(commands, blobs, voices, synthesizer, metrics, WORKER_ID, streams);
    }

    @Bean
    SampleProcessingWorker sampleProcessingWorker(
            CommandGateway commands,
            BlobStore blobs,
            SampleAnalyzer analyzer,
            SpeakerEncoder encoder,
            VectorIndex vectors,
            QueryGateway queries) {
        return new SampleProcessingWorker(commands, blobs, analyzer, encoder, vectors, queries);
    }

    @Bean
    CloneWorker cloneWorker(
            CommandGateway commands,
            QueryGateway queries,
            VectorIndex vectors,
            VoiceFitter fitter,
            SpeakerEncoder encoder,
            VoiceDirectory voices) {
        return new CloneWorker(commands, queries, vectors, fitter, encoder, voices, WORKER_ID);
    }

    @Bean
    ProfileTrainer profileTrainer(SpeechSynthesizer synthesizer, SpeakerEncoder encoder) {
        return new ProfileTrainer(synthesizer, encoder);
    }

    @Bean
    TrainingCalibration trainingCalibration(
            SpeechSynthesizer synthesizer, SpeakerEncoder encoder, ProfileTrainer trainer) {
        return new TrainingCalibration(synthesizer, encoder, trainer);
    }

    @Bean
    TrainingWorker trainingWorker(
            CommandGateway commands,
            QueryGateway queries,
            ProfileTrainer trainer,
            VoiceFitter fitter,
            BlobStore blobs,
            SpeakerEncoder encoder) {
        return new TrainingWorker(commands, queries, trainer, fitter, blobs, encoder, WORKER_ID);
    }

    /** Which worker does each kind of work the sagas queue. */
    @Bean
    WorkHandlers workHandlers(
            SynthesisWorker synthesis, SampleProcessingWorker samples, CloneWorker clones, TrainingWorker training) {
        return PipelineWork.handlers(synthesis, samples, clones, training);
    }

    /** The sagas' view of the work queue, whichever adapter it is. */
    @Bean
    PipelineWork pipelineWork(WorkQueue queue) {
        return new PipelineWork(queue);
    }

    /** One process owns all work in the embedded profile, so at start-up whatever was running was interrupted. */
    @Bean
    @ConditionalOnProperty(name = "voxify.work-queue.type", havingValue = "in-process", matchIfMissing = true)
    InterruptedWorkRecovery interruptedWorkRecovery(QueryGateway queries, CommandGateway commands, PipelineWork work) {
        return new InterruptedWorkRecovery(queries, commands, work);
    }

    @Bean(destroyMethod = "close")
    PresetEmbeddings presetEmbeddings(SpeechSynthesizer synthesizer, SpeakerEncoder encoder, VectorIndex vectors) {
        return new PresetEmbeddings(synthesizer, encoder, vectors);
    }

    @EventListener(ApplicationReadyEvent.class)
    void recoverInterruptedWork(ApplicationReadyEvent ready) {
        ready.getApplicationContext()
                .getBeanProvider(InterruptedWorkRecovery.class)
                .ifAvailable(InterruptedWorkRecovery::recover);
    }
}
