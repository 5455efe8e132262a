package io.voxify.infrastructure.tokens.redis;

import io.voxify.events.common.DomainException;
import io.voxify.events.common.ErrorCode;
import io.voxify.infrastructure.tokens.RefreshTokenStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Refresh tokens in Redis (the infra profile): only the token's hash is a key; each token
 * remembers its user and family and expires with itself. Using a token is one Lua script, so
 * two nodes racing with the same token cannot both rotate it: the loser sees it used, and reuse
 * revokes the whole family, as in the database adapter. Each family lists its tokens' hashes, so a deleted
 * account's tokens can be removed rather than left to expire with its user id in them.
 */
public class RedisRefreshTokenStore implements RefreshTokenStore {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RedisScript<List> USE = RedisScript.of("""
            local t = redis.call('HMGET', KEYS[1], 'user', 'family', 'exp', 'used')
            if not t[1] then return {'invalid'} end
            local revoked = ARGV[3] .. 'family:' .. t[2] .. ':revoked'
            if redis.call('EXISTS', revoked) == 1 or tonumber(t[3]) < tonumber(ARGV[1]) then return {'invalid'} end
            if t[4] then
              redis.call('SET', revoked, '1', 'EX', ARGV[2])
              return {'reused', t[1], t[2]}
            end
            redis.call('HSET', KEYS[1], 'used', ARGV[1])
            return {'ok', t[1], t[2]}
            """, List.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final Duration familyMemory;

    /**
     * @param familyMemory how long a family's revocation and a user's family list are kept: at
     *                     least the refresh-token lifetime, so no token outlives its revocation
     */
    public RedisRefreshTokenStore(StringRedisTemplate redis, String prefix, Duration familyMemory) {
        this.redis = redis;
        this.prefix = prefix;
        this.familyMemory = familyMemory;
    }

    @Override
    public String issue(String userId, String familyId, Instant expiresAt) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = "rt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String key = tokenKey(token);
        redis.opsForHash()
                .putAll(
                        key,
                        Map.of("user", userId, "family", familyId, "exp", Long.toString(expiresAt.toEpochMilli())));
        redis.expireAt(key, expiresAt);
        String tokens = familyTokensKey(familyId);
        redis.opsForSet().add(tokens, RefreshTokenStore.hash(token));
        redis.expire(tokens, familyMemory);
        String families = familiesKey(userId);
        redis.opsForSet().add(families, familyId);
        redis.expire(families, familyMemory);
        return token;
    }

    @Override
    public Rotation rotate(String rawToken, Instant now, Instant newExpiry) {
        if (rawToken == null) {
            throw invalid();
        }
        List<?> outcome = redis.execute(
                USE,
                List.of(tokenKey(rawToken)),
                Long.toString(now.toEpochMilli()),
                Long.toString(familyMemory.toSeconds()),
                prefix);
        String verdict = outcome == null || outcome.isEmpty() ? "invalid" : String.valueOf(outcome.get(0));
        if (verdict.equals("reused")) {
            throw new DomainException(
                    ErrorCode.INVALID_TOKEN,
                    "This refresh token was already used; every session started with it has been signed out");
        }
        if (!verdict.equals("ok")) {
            throw invalid();
        }
        String userId = String.valueOf(outcome.get(1));
        String familyId = String.valueOf(outcome.get(2));
        return new Rotation(userId, familyId, issue(userId, familyId, newExpiry));
    }

    @Override
    public void revokeFamilyOf(String rawToken) {
        if (rawToken == null) {
            return;
        }
        Object family = redis.opsForHash().get(tokenKey(rawToken), "family");
        if (family != null) {
            revokeFamily(family.toString());
        }
    }

    @Override
    public void revokeAllOf(String userId) {
        Set<String> families = redis.opsForSet().members(familiesKey(userId));
        if (families != null) {
            families.forEach(this::revokeFamily);
        }
    }

    /**
     * Revokes each family first (a rotation racing with this finds it revoked and issues nothing), then deletes
     * its tokens, its list of them and the user's list of families. What stays is each family's revocation
     * marker, which names only the family's random id, for a token issued before families listed their tokens.
     */
    @Override
    public void forgetAllOf(String userId) {
        String families = familiesKey(userId);
        Set<String> ids = redis.opsForSet().members(families);
        if (ids != null) {
            for (String familyId : ids) {
                revokeFamily(familyId);
                String tokens = familyTokensKey(familyId);
                Set<String> hashes = redis.opsForSet().members(tokens);
                if (hashes != null && !hashes.isEmpty()) {
                    redis.delete(hashes.stream().map(h -> prefix + "token:" + h).toList());
                }
                redis.delete(tokens);
            }
        }
        redis.delete(families);
    }

    @Override
    public void revokeFamily(String familyId) {
        redis.opsForValue().set(prefix + "family:" + familyId + ":revoked", "1", familyMemory);
    }

    private String familiesKey(String userId) {
        return prefix + "user:" + userId + ":families";
    }

    private String familyTokensKey(String familyId) {
        return prefix + "family:" + familyId + ":tokens";
    }

    private String tokenKey(String rawToken) {
        return prefix + "token:" + RefreshTokenStore.hash(rawToken);
    }

    private static DomainException invalid() {
        return new DomainException(ErrorCode.INVALID_TOKEN, "The refresh token is invalid or expired");
    }
}
