package io.voxify.command.sample;

import io.voxify.events.sample.DeleteVoiceSampleCommand;
import io.voxify.events.sample.UploadVoiceSampleCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * One user uploads the same recording once: an upload claims its content (the user and the SHA-256 of its
 * bytes) on its way to the new {@link VoiceSample}, in the transaction that stores the sample's first event,
 * and is refused ({@code DUPLICATE_SAMPLE}, naming the sample that holds it) when the user already has it. A
 * deletion the sample accepts releases the claim in its own transaction, so the recording may be uploaded
 * again once the sample is gone.
 *
 * <p>Registered on the command bus by Axon's Spring Boot auto-configuration, inside the transaction its own
 * interceptor opens (see {@code EmailClaimInterceptor} for the choice of an interceptor).
 */
@Component
class SampleContentClaimInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {
    private final SampleContentRegistry contents;

    SampleContentClaimInterceptor(SampleContentRegistry contents) {
        this.contents = contents;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object payload = unitOfWork.getMessage().getPayload();
        // An upload the sample refuses anyway (no owner, no audio) has nothing to claim: the sample says why.
        if (payload instanceof UploadVoiceSampleCommand upload
                && upload.userId() != null
                && upload.audio() != null
                && upload.audio().sha256() != null
                && upload.sampleId() != null) {
            contents.claim(upload.userId(), upload.audio().sha256(), upload.sampleId());
            return chain.proceed();
        }
        Object result = chain.proceed();
        if (payload instanceof DeleteVoiceSampleCommand delete) {
            contents.release(delete.sampleId());
        }
        return result;
    }
}
