package io.voxify.inference.ssml;

import io.voxify.inference.SynthesisException;

/** An SSML document refused: where (1-based line and column in the document) and what was wrong. */
public final class SsmlException extends SynthesisException {

    public static final String INVALID_SSML = "INVALID_SSML";

    private final int line;
    private final int column;
    private final String reason;

    public SsmlException(int line, int column, String reason) {
        super(INVALID_SSML, "Invalid SSML at line " + line + ", column " + column + ": " + reason);
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
