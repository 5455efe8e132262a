package io.voxify.gateway.admin;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.voxify.catalogue.VoiceDirectory;
import io.voxify.gateway.web.Envelope;
import io.voxify.inference.SpeechSynthesizer;
import io.voxify.infrastructure.cache.LibraryPageCache;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administrators add or remove Piper voices by placing files in the models directory, then rescan. */
@Tag(name = "Administration")
@RestController
@RequestMapping("/api/v1/admin/voices")
public class AdminVoiceController {
    private final SpeechSynthesizer synthesizer;

    private final LibraryPageCache pages;

    public AdminVoiceController(SpeechSynthesizer synthesizer, LibraryPageCache pages) {
        this.synthesizer = synthesizer;
        this.pages = pages;
    }

    @PostMapping("/rescan")
    ResponseEntity<Envelope<NeuralVoicesResponse>> rescan() {
        var voices = synthesizer.rescanNeuralVoices().stream()
                .map(VoiceDirectory::neuralVoiceModelId)
                .toList();
        pages.invalidateAll();
        return Envelope.ok(
                new NeuralVoicesResponse(voices), "Models directory scanned: " + voices.size() + " neural voices");
    }
}
