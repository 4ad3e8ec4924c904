# fan prompt reminder for bash (bash 4.2 or newer), printed by `fan hook bash`.
# Install: add  eval "$(fan hook bash)"  to ~/.bashrc.  Silence it: export FAN_HOOK_DISABLE=1
# Before each prompt it reads a small state file that fan keeps up to date, with builtins only:
# no process starts at the prompt.
if [[ $- == *i* ]]; then
    __fan_state=@STATE@
    __fan_shown=@SHOWN@
    __fan_message=@MESSAGE@
    __fan_every=@EVERY@

    __fan_hook() {
        local ret=$?
        [[ ${FAN_HOOK_DISABLE-} == 1 ]] || __fan_remind
        return "$ret"
    }

    __fan_remind() {
        local now=${FAN_HOOK_NOW-} magic='' k='' journal='' year='' config='' every='' message=''
        local risk='' last=0 stale='' kind=-1 i n IFS=$' \t\n'
        local -a w=()
        if [[ ! $now =~ ^[1-9][0-9]*$ ]]; then
            if ((BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] >= 402)); then
                printf -v now '%(%s)T' -1
            else
                now=$(command date +%s)
            fi
        fi
        if [[ -r $__fan_state ]] && {
            read -r magic
            read -r k journal
            read -r k year
            read -r k config
            read -ra w
            read -r k every
            read -r k message
            read -r k risk
        } <"$__fan_state" && [[ $magic == 'fan-hook-state 1' && ${w[*]:1} =~ ^[0-9][0-9\ ]*$ &&
            $every =~ ^[1-9][0-9]*$ ]]; then
            # the journal or the config changed after the state was written: trust no "done"
            if [[ $journal -nt $__fan_state || $year -nt $__fan_state ||
                $config -nt $__fan_state ]]; then
                stale=1
            fi
            # w: "windows", the end of the weeks covered, then start end kind per working day
            if ((now >= w[1])); then
                kind=0 # the state is too old to know: remind
            else
                n=${#w[@]}
                for ((i = 2; i + 2 < n; i += 3)); do
                    if ((now < w[i + 1])); then
                        ((now >= w[i])) && kind=${w[i + 2]}
                        break
                    fi
                done
            fi
            [[ -z $stale ]] || ((kind < 0)) || kind=0
            case $kind in
            -1 | 1) return ;;
            2) message=$risk ;;
            esac
        else
            message=$__fan_message every=$__fan_every
        fi
        if [[ -r $__fan_shown ]]; then
            read -r last <"$__fan_shown"
            [[ $last =~ ^[1-9][0-9]*$ ]] || last=0
        fi
        ((now - last >= every)) || return
        printf '%s\n' "$message"
        printf '%s\n' "$now" 2>/dev/null >|"$__fan_shown"
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
