package io.voxify.gateway.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The neural voices a rescan of the models directory found, by voice model id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record NeuralVoicesResponse(List<String> neuralVoices) {}
