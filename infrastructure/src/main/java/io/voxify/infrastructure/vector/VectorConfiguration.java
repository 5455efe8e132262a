package io.voxify.infrastructure.vector;

import io.voxify.infrastructure.vector.chroma.ChromaVectorIndex;
import io.voxify.infrastructure.vector.relational.RelationalVectorIndex;
import io.voxify.infrastructure.vector.relational.VectorRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The vector index, chosen by {@code voxify.vectors.type}: the relational table unless told otherwise. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VectorProperties.class)
public class VectorConfiguration {

    /** Embedded default: vectors in the relational store, searched in memory. */
    @Bean
    @ConditionalOnProperty(name = "voxify.vectors.type", havingValue = "relational", matchIfMissing = true)
    VectorIndex relationalVectorIndex(VectorRepository repository) {
        return new RelationalVectorIndex(repository);
    }

    /** Infra profile: vectors in a Chroma server. */
    @Bean
    @ConditionalOnProperty(name = "voxify.vectors.type", havingValue = "chroma")
    VectorIndex chromaVectorIndex(VectorProperties properties) {
        VectorProperties.Chroma chroma = properties.chroma();
        return new ChromaVectorIndex(
                chroma.url(), chroma.tenant(), chroma.database(), chroma.collection(), chroma.timeout());
    }
}
