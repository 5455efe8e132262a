package io.voxify.saga;

import io.voxify.inference.SpeechSynthesizer;
import io.voxify.saga.job.InProcessSynthesisWorkQueue;
import io.voxify.saga.job.InterruptedWorkRecovery;
import io.voxify.saga.job.SynthesisPolicy;
import io.voxify.saga.job.SynthesisWorker;
import io.voxify.saga.storage.BlobStore;
import io.voxify.saga.storage.LocalDiskBlobStore;
import io.voxify.saga.voice.VoiceDirectory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

@Configuration(proxyBeanMethods = false)
public class SynthesisConfiguration {

    @Bean(destroyMethod = "close")
    SpeechSynthesizer speechSynthesizer() {
        return new SpeechSynthesizer();
    }

    @Bean
    BlobStore blobStore(@Value("${voxify.data-dir}") Path dataDir) throws IOException {
        return new LocalDiskBlobStore(dataDir.resolve("blobs"));
    }

    @Bean
    SynthesisPolicy synthesisPolicy(@Value("${voxify.synthesis.job-timeout:PT10M}") Duration timeout,
                                    @Value("${voxify.synthesis.max-attempts:3}") int maxAttempts,
                                    @Value("${voxify.synthesis.first-retry-delay:PT2S}") Duration retryDelay) {
        return new SynthesisPolicy(timeout, maxAttempts, retryDelay);
    }

    @Bean
    SynthesisWorker synthesisWorker(CommandGateway commands, BlobStore blobs, VoiceDirectory voices,
                                    SpeechSynthesizer synthesizer) {
        return new SynthesisWorker(commands, blobs, voices, synthesizer,
                "worker@" + ManagementFactory.getRuntimeMXBean().getName());
    }

    @Bean(destroyMethod = "close")
    InProcessSynthesisWorkQueue synthesisWorkQueue(SynthesisWorker worker,
            @Value("${voxify.synthesis.worker-threads:0}") int threads,
            @Value("${voxify.synthesis.backlog:10000}") int backlog) {
        int size = threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
        return new InProcessSynthesisWorkQueue(worker, size, backlog);
    }

    @Bean
    InterruptedWorkRecovery interruptedWorkRecovery(QueryGateway queries, CommandGateway commands,
                                                    InProcessSynthesisWorkQueue queue) {
        return new InterruptedWorkRecovery(queries, commands, queue);
    }

    @EventListener(ApplicationReadyEvent.class)
    void recoverInterruptedWork(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBean(InterruptedWorkRecovery.class).recover();
    }
}
