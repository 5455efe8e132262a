package io.voxify.gateway.voice;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The details of a MISSING_FIELDS refusal of an upload form: which form fields it lacked. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record MissingFieldsDetails(List<String> missingFields) {}
