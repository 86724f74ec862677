package io.vireo.remote.protocol;

import io.vireo.remote.xdr.XdrDecoder;
import io.vireo.remote.xdr.XdrStruct;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds sample values of every struct record by reflection, so that each one can be round-tripped
 * and fuzzed without a hand-written sample per record.
 */
final class StructSamples {

    /** Every XdrStruct record of the protocol package. */
    static List<Class<? extends XdrStruct>> structClasses() {
        List<Class<? extends XdrStruct>> out = new ArrayList<>();
        for (Class<?> c : List.of(NonnullDomain.class, NonnullNetwork.class, NonnullStoragePool.class,
            NonnullStorageVol.class, NonnullDomainSnapshot.class, RemoteError.class, StreamHole.class,
            TypedParam.class, Header.class)) {
            out.add(c.asSubclass(XdrStruct.class));
        }
        for (Class<?> holder : List.of(CommonProcs.class, ConnectProcs.class, DomainProcs.class, NetworkProcs.class,
            StorageProcs.class, SnapshotProcs.class, EventProcs.class)) {
            for (Class<?> c : holder.getDeclaredClasses()) {
                if (c.isRecord() && XdrStruct.class.isAssignableFrom(c)) {
                    out.add(c.asSubclass(XdrStruct.class));
                }
            }
        }
        return out;
    }

    /** The static {@code decode(XdrDecoder)} of a struct class, as a reader. */
    static XdrDecoder.Reader<XdrStruct> decoder(Class<? extends XdrStruct> c) {
        MethodHandle h;
        try {
            Method m = c.getMethod("decode", XdrDecoder.class);
            if (!Modifier.isStatic(m.getModifiers()) || !c.isAssignableFrom(m.getReturnType())) {
                throw new AssertionError(c + ".decode is not a static factory of " + c);
            }
            // a method handle, unlike Method.invoke, lets the decoder's own exception through unwrapped
            h = MethodHandles.publicLookup().unreflect(m);
        } catch (NoSuchMethodException | IllegalAccessException ex) {
            throw new AssertionError(c + " has no public static decode(XdrDecoder)", ex);
        }
        MethodHandle handle = h;
        return d -> {
            try {
                return (XdrStruct) handle.invoke(d);
            } catch (RuntimeException | Error ex) {
                throw ex;
            } catch (Throwable t) {
                throw new AssertionError(t);
            }
        };
    }

    private int counter;

    /** A sample with every component set. */
    <T> T sample(Class<T> c) {
        return c.cast(record(c, -1));
    }

    /**
     * A sample whose top-level component {@code nullIndex} is null; throws NullPointerException when
     * the record requires that component.
     */
    <T> T sampleWithNull(Class<T> c, int nullIndex) {
        return c.cast(record(c, nullIndex));
    }

    private Object sampleOf(Class<?> raw, Type generic) {
        counter++;
        if (raw == int.class || raw == Integer.class) {
            return counter * 7 - 20;
        }
        if (raw == long.class || raw == Long.class) {
            return 0x1_2345_6789L * counter;
        }
        if (raw == double.class) {
            return counter + 0.25;
        }
        if (raw == boolean.class) {
            return counter % 2 == 0;
        }
        if (raw == String.class) {
            return "s" + counter + (counter % 3 == 0 ? "\u00e9" : "");
        }
        if (raw == UUID.class) {
            return new UUID(0x6695eb01f6a48304L + counter, 0x79aa97f2502e193fL);
        }
        if (raw == byte[].class) {
            return new byte[] {1, 2, (byte) 0xff, (byte) counter};
        }
        if (raw == MessageType.class) {
            return MessageType.values()[counter % MessageType.values().length];
        }
        if (raw == MessageStatus.class) {
            return MessageStatus.values()[counter % MessageStatus.values().length];
        }
        if (raw == TypedParam.class) {
            return typedParam();
        }
        if (raw == TypedParam.Value.class) {
            return typedParam().value();
        }
        if (raw == List.class) {
            Type arg = ((ParameterizedType) generic).getActualTypeArguments()[0];
            Class<?> argRaw = arg instanceof Class<?> k ? k : (Class<?>) ((ParameterizedType) arg).getRawType();
            return List.of(sampleOf(argRaw, arg), sampleOf(argRaw, arg));
        }
        if (raw.isRecord()) {
            return record(raw, -1);
        }
        throw new AssertionError("no sample for " + generic);
    }

    private TypedParam typedParam() {
        return switch (counter % 7) {
            case 0 -> TypedParam.ofInt("f" + counter, -counter);
            case 1 -> TypedParam.ofUInt("f" + counter, 0xffff_fff0);
            case 2 -> TypedParam.ofLLong("f" + counter, Long.MIN_VALUE + counter);
            case 3 -> TypedParam.ofULLong("cpu_time", -1L);
            case 4 -> TypedParam.ofDouble("f" + counter, Math.PI);
            case 5 -> TypedParam.ofBoolean("f" + counter, true);
            default -> TypedParam.ofString("f" + counter, "v" + counter);
        };
    }

    private Object record(Class<?> c, int nullIndex) {
        RecordComponent[] rc = c.getRecordComponents();
        Class<?>[] types = new Class<?>[rc.length];
        Object[] args = new Object[rc.length];
        for (int i = 0; i < rc.length; i++) {
            types[i] = rc[i].getType();
            args[i] = i == nullIndex ? null : sampleOf(types[i], rc[i].getGenericType());
        }
        try {
            Constructor<?> ctor = c.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (InvocationTargetException ex) {
            if (ex.getCause() instanceof NullPointerException npe) {
                throw npe; // a required component was left null
            }
            throw new AssertionError(ex.getCause());
        } catch (ReflectiveOperationException ex) {
            throw new AssertionError(ex);
        }
    }
}
