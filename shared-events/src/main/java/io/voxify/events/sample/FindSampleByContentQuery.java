package io.voxify.events.sample;

/**
 * Which of this user's samples holds exactly this recording (the SHA-256 of its bytes): answered as an
 * optional sample id by the command side from the content claims, written with each upload. Lets an upload
 * be refused as a duplicate before its bytes are stored; the claim made with the upload command decides.
 */
public record FindSampleByContentQuery(String userId, String sha256) {}
