# fan prompt reminder for bash 4.2 or newer, printed by `fan hook bash`.
# Install: add  eval "$(fan hook bash)"  to ~/.bashrc.  Silence it: export FAN_HOOK_DISABLE=1
# Before each prompt it reads a small state file that fan keeps up to date, with builtins only:
# no process starts at the prompt.
if [[ $- == *i* ]] && ((BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] < 402)); then
    echo "fan: the prompt reminder needs bash 4.2 or newer (this is bash $BASH_VERSION)" >&2
elif [[ $- == *i* ]]; then
    __fan_state=@STATE@
    __fan_quiet=@QUIET@
    __fan_message=@MESSAGE@
    __fan_every=@EVERY@

    __fan_hook() {
        local ret=$?
        [[ ${FAN_HOOK_DISABLE-} == 1 ]] || __fan_remind
        return "$ret"
    }

    __fan_remind() {
        local now=${FAN_HOOK_NOW-} every until message kind=-1 due=0 note quiet=0 i n
        local IFS=$' \t\n'
        local -a l=() w=()
        [[ $now == [1-9]* && $now != *[!0-9]* ]] || printf -v now '%(%s)T' -1
        # the state file, as fan wrote it: see fanjournal/reminder.py
        if [[ -r $__fan_state ]] && mapfile -t l <"$__fan_state" &&
            [[ ${l[0]} == 'fan-hook-state 2' && ${l[4]} == 'every '[1-9]* &&
                ${l[4]#every } != *[!0-9]* && ${l[5]} == 'until '[1-9]* &&
                ${l[5]#until } != *[!0-9]* && ${l[9]} == 'followups '* ]]; then
            every=${l[4]#every } until=${l[5]#until }
            if ((now >= until)); then
                kind=0 # the state is too old to know: remind
            else
                # one line per working day: start, end, kind, follow-ups due; find the one
                # that holds now
                for ((i = 10, n = ${#l[@]}; i < n; i++)); do
                    [[ ${l[i]} == 'window '[1-9]* && ${l[i]#window } != *[!0-9\ ]* ]] || break
                    w=(${l[i]#window })
                    if ((now < w[1])); then
                        ((now >= w[0])) && kind=${w[2]} due=${w[3]:-0}
                        break
                    fi
                done
            fi
            # the journal or the config changed after the state was written: trust no "done"
            # and no follow-up count
            if ((kind > 0 || due > 0)) && [[ ${l[1]#journal } -nt $__fan_state ||
                ${l[2]#year } -nt $__fan_state || ${l[3]#config } -nt $__fan_state ]]; then
                kind=0 due=0
            fi
            # nothing due now, or a fan is logged today and no follow-up is due
            ((kind < 0 || (kind == 1 && due == 0))) && return
        else
            message=$__fan_message every=$__fan_every
        fi
        # one line per remind_every, across all shells
        if [[ -f $__fan_quiet ]]; then
            read -r quiet <"$__fan_quiet"
            [[ $quiet == [1-9]* && $quiet != *[!0-9]* ]] || quiet=0
        fi
        ((now >= quiet)) || return
        case $kind in
        2) message=${l[7]#risk } ;;
        0) message=${l[6]#message } ;;
        esac
        if ((due > 0)); then
            if ((due == 1)); then note=${l[8]#followup1 }; else note=${l[9]#followups }; fi
            note=${note//@N@/$due}
            if [[ -n $message ]]; then message+=" · $note"; else message="fan: $note"; fi
        fi
        printf '%s\n' "$message"
        { printf '%s\n' "$((now + every))" >|"$__fan_quiet"; } 2>/dev/null
    }

    if [[ ! -e $__fan_state ]]; then
        @REFRESH@ >/dev/null 2>&1
    fi

    # Run first, so that what runs after (and PS1) still sees the command's $?.
    if ((BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] >= 501)) && [[ -n ${PROMPT_COMMAND+set} ]] &&
        [[ ${PROMPT_COMMAND@a} == *a* ]]; then
        case " ${PROMPT_COMMAND[*]} " in
        *" __fan_hook "*) ;;
        *) PROMPT_COMMAND=(__fan_hook "${PROMPT_COMMAND[@]}") ;;
        esac
    else
        case ";${PROMPT_COMMAND-};" in
        *";__fan_hook;"*) ;;
        *) PROMPT_COMMAND="__fan_hook${PROMPT_COMMAND:+;$PROMPT_COMMAND}" ;;
        esac
    fi
fi
