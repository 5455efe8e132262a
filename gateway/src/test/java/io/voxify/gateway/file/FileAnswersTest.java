package io.voxify.gateway.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxify.events.job.FileView;
import io.voxify.gateway.security.TokenService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The file answers, once hand-built maps, now records: each writes the text the map wrote for the same file
 * (recorded from the maps before they were replaced), keys in the same order, nulls included.
 */
class FileAnswersTest {
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aFilesInfoWritesItsKeysInTheOrderTheMapHad() throws Exception {
        FileView file = new FileView(
                "file_1", "user_1", "job_1", "audio/file_1.wav", "wav", "audio/wav", 22050, 1, 44144, 1.0, "ab12", AT);
        assertThat(json.writeValueAsString(FileInfoResponse.of(file)))
                .isEqualTo("{\"file_id\":\"file_1\",\"job_id\":\"job_1\",\"size\":44144,\"duration\":1.0,"
                        + "\"format\":\"wav\",\"content_type\":\"audio/wav\",\"sample_rate\":22050,\"channels\":1,"
                        + "\"sha256\":\"ab12\",\"url\":\"/api/v1/files/audio/file_1\","
                        + "\"created_at\":\"2026-01-02T03:04:05.678Z\"}");
    }

    @Test
    void aFileWithoutAJobWritesANullJobId() throws Exception {
        FileView file = new FileView(
                "file_2", "user_1", null, "audio/file_2.mp3", "mp3", "audio/mpeg", 24000, 2, 100, 2.5, "cd34", AT);
        assertThat(json.writeValueAsString(FileInfoResponse.of(file)))
                .isEqualTo("{\"file_id\":\"file_2\",\"job_id\":null,\"size\":100,\"duration\":2.5,"
                        + "\"format\":\"mp3\",\"content_type\":\"audio/mpeg\",\"sample_rate\":24000,\"channels\":2,"
                        + "\"sha256\":\"cd34\",\"url\":\"/api/v1/files/audio/file_2\","
                        + "\"created_at\":\"2026-01-02T03:04:05.678Z\"}");
    }

    @Test
    void aSignedLinkWritesItsUrlThenItsExpiryInWholeSeconds() throws Exception {
        AudioLinks links = new AudioLinks(
                new SecretKeySpec(new byte[32], "HmacSHA256"),
                Duration.ofHours(1),
                Clock.fixed(AT, ZoneOffset.UTC),
                user -> 0,
                session -> false);
        Jwt caller = Jwt.withTokenValue("t")
                .header("alg", "HS256")
                .subject("user_1")
                .claim(TokenService.SESSION_ID_CLAIM, "fam_1")
                .claim(TokenService.SESSION_VERSION_CLAIM, 0)
                .build();
        String signature = links.issue("file_1", "user_1", "fam_1", 0).signature();
        assertThat(json.writeValueAsString(links.json("/api/v1/files/audio/file_1/signed", "file_1", caller)))
                .isEqualTo("{\"url\":\"/api/v1/files/audio/file_1/signed?user=user_1&sid=fam_1&expires=1767326645"
                        + "&signature=" + signature + "\",\"expires_at\":\"2026-01-02T04:04:05.000Z\"}");
    }
}
