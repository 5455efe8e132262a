package io.voxify.inference.ssml;

import java.util.List;

/**
 * A parsed, validated SSML document as the pieces to speak in order.
 *
 * @param spokenCharacters characters of text the document speaks as written (text, {@code <sub>} aliases and
 *                         {@code <say-as>} content, before any expansion), in code points
 */
public record SsmlDocument(List<SsmlPiece> pieces, int spokenCharacters) {

    public SsmlDocument {
        pieces = List.copyOf(pieces);
    }
}
