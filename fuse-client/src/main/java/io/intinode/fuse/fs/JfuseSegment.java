package io.intinode.fuse.fs;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * One {@link MemorySegment} component of jfuse's package-private records ({@code FileInfoImpl.segment},
 * {@code DirFillerImpl.buf}, …): the native structures behind jfuse 0.7.3's API, for what that API cannot set
 * or does too slowly. A class that is not a record with such a component is an error the caller handles.
 */
final class JfuseSegment {
    private final String component;
    private volatile Accessor accessor; // of the last class seen; jfuse has one implementation per interface

    private record Accessor(Class<?> owner, MethodHandle handle) {}

    JfuseSegment(String component) {
        this.component = component;
    }

    MemorySegment of(Object record) throws ReflectiveOperationException {
        Accessor a = accessor;
        if (a == null || a.owner() != record.getClass()) {
            a = new Accessor(record.getClass(), find(record.getClass()));
            accessor = a;
        }
        try {
            return (MemorySegment) a.handle().invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new ReflectiveOperationException(e); // a record accessor throws nothing checked
        }
    }

    private MethodHandle find(Class<?> owner) throws ReflectiveOperationException {
        Method m = owner.getDeclaredMethod(component);
        if (!owner.isRecord() || m.getReturnType() != MemorySegment.class) {
            throw new NoSuchMethodException(owner.getName() + " is not a record with a MemorySegment " + component);
        }
        m.setAccessible(true); // jfuse's records are package-private
        return MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(MemorySegment.class, Object.class));
    }
}
