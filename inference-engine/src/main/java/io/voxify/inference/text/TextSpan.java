package io.voxify.inference.text;

/** A slice [start, end) of a source text together with its content. */
public record TextSpan(String text, int start, int end) {}
